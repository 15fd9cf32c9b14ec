/**
 * The editorial workflow. Writers (contributor, editor) write drafts and submit them; a reviewer
 * approves the revision they read, or sends the article back to draft with a note; an editor
 * schedules or publishes approved articles, and archives. Admin may do everything.
 *
 * "Approved" is `articles.approved_revision = articles.revision`: any saved edit raises the
 * revision, so an edit after approval needs review again without anyone having to remember it.
 * Every save stores a revision snapshot; every step an event (who, when, note).
 */
import { diffWords } from 'diff';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { AppContext, StaffPrincipal } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { articlesChanged } from '../content/changes.ts';
import { invalidateArticle } from '../content/routes.ts';
import {
  type ArticleFields,
  type ArticleState,
  type EditableArticle,
  getArticleForEditing,
  insertArticle,
  moveArticle,
  publishDueArticles,
  unknownTaxonomy,
  updateArticleContent,
} from '../content/service.ts';
import { staffNames } from '../staff/service.ts';
import type { StaffRole } from '../staff/tables.ts';
import { bodyText, sanitizeBody } from './sanitize.ts';
import type { ArticleInputT, EditorArticleT, RevisionDiffT, StepInputT } from './schemas.ts';
import { type ArticleSnapshot, articleEvents, articleRevisions, type WorkflowAction } from './tables.ts';

type Staff = Pick<StaffPrincipal, 'id' | 'role'>;

/** Who may write (create and edit) articles. Reviewers review, they do not write. */
export const WRITERS: readonly StaffRole[] = ['contributor', 'editor'];
/** Everyone who works on articles may read them in any state. */
export const ARTICLE_READERS: readonly StaffRole[] = ['contributor', 'editor', 'reviewer'];
/** States in which content may be edited; a scheduled article goes back to review when edited. */
const EDITABLE: readonly ArticleState[] = ['draft', 'in_review', 'scheduled'];

interface StepRule {
  roles: readonly StaffRole[];
  from: readonly ArticleState[];
  to: ArticleState;
  /** Only an article approved at its current revision. */
  approved?: boolean;
}

/** The whole workflow: who may take each step, from which states, to which. */
export const STEPS: Record<WorkflowAction, StepRule> = {
  submit: { roles: ['contributor', 'editor'], from: ['draft'], to: 'in_review' },
  approve: { roles: ['reviewer'], from: ['in_review'], to: 'in_review' },
  reject: { roles: ['reviewer'], from: ['in_review'], to: 'draft' },
  schedule: { roles: ['editor'], from: ['in_review', 'scheduled'], to: 'scheduled', approved: true },
  unschedule: { roles: ['editor'], from: ['scheduled'], to: 'in_review' },
  publish: { roles: ['editor'], from: ['in_review', 'scheduled'], to: 'published', approved: true },
  archive: { roles: ['editor'], from: ['draft', 'in_review', 'scheduled', 'published'], to: 'archived' },
  reopen: { roles: ['editor'], from: ['archived'], to: 'draft' },
};

function mayAct(staff: Staff, roles: readonly StaffRole[]): void {
  if (staff.role !== 'admin' && !roles.includes(staff.role)) {
    throw new AppError('auth.forbidden', `This needs one of the roles: ${roles.join(', ')}.`);
  }
}

const invalid = (message: string, path: string) =>
  new AppError('validation.failed', message, { errors: [{ path, message }] });

const notFound = (id: number) => new AppError('article.not_found', `No article has the id ${id}.`);

/** The input as stored: body sanitised, links checked against the taxonomy and the staff list. */
async function fieldsOf(
  ctx: AppContext,
  input: ArticleInputT,
  defaultAuthor: number | null,
): Promise<ArticleFields> {
  const authorId = input.authorId === undefined ? defaultAuthor : input.authorId;
  const errors: FieldError[] = [];
  const unknown = await unknownTaxonomy(ctx.db, {
    columnId: input.column,
    tagIds: input.tags,
    brandIds: input.brands,
    seriesIds: input.series,
  });
  if (unknown.column) errors.push({ path: 'body.column', message: 'no such column' });
  if (unknown.tags.length)
    errors.push({ path: 'body.tags', message: `no such tags: ${unknown.tags.join(', ')}` });
  if (unknown.brands.length)
    errors.push({ path: 'body.brands', message: `no such brands: ${unknown.brands.join(', ')}` });
  if (unknown.series.length)
    errors.push({ path: 'body.series', message: `no such series: ${unknown.series.join(', ')}` });
  if (authorId !== null && !(await staffNames(ctx.db, [authorId])).has(authorId))
    errors.push({ path: 'body.authorId', message: 'no such staff account' });
  if (errors.length) throw new AppError('validation.failed', errors[0].message, { errors });
  return {
    title: input.title,
    summary: input.summary,
    body: sanitizeBody(input.body),
    coverUrl: input.coverUrl,
    columnId: input.column,
    authorId,
    source: input.source,
    language: input.language,
    tagIds: [...new Set(input.tags)].sort(),
    brandIds: [...new Set(input.brands)].sort(),
    seriesIds: [...new Set(input.series)].sort(),
    region: input.region,
  };
}

const SNAPSHOT_FIELDS = [
  'title',
  'summary',
  'body',
  'coverUrl',
  'columnId',
  'authorId',
  'source',
  'language',
  'tagIds',
  'brandIds',
  'seriesIds',
  'region',
] as const satisfies readonly (keyof ArticleSnapshot)[];

const snapshotOf = (f: ArticleFields): ArticleSnapshot => ({
  title: f.title,
  summary: f.summary,
  body: f.body,
  coverUrl: f.coverUrl,
  columnId: f.columnId,
  authorId: f.authorId,
  source: f.source,
  language: f.language,
  tagIds: [...f.tagIds].sort(),
  brandIds: [...f.brandIds].sort(),
  seriesIds: [...f.seriesIds].sort(),
  region: f.region ?? null,
});

/** A snapshot field's value; a list missing from an older snapshot is an empty list. */
const fieldValue = (s: ArticleSnapshot, k: (typeof SNAPSHOT_FIELDS)[number]) =>
  k === 'seriesIds' ? (s.seriesIds ?? []) : k === 'region' ? (s.region ?? null) : s[k];

function changedFields(before: ArticleSnapshot, after: ArticleSnapshot): string[] {
  return SNAPSHOT_FIELDS.filter(
    (k) => JSON.stringify(fieldValue(before, k)) !== JSON.stringify(fieldValue(after, k)),
  );
}

async function lastRejectNote(db: Db, id: number): Promise<string | null> {
  const [last] = await db
    .select({ action: articleEvents.action, note: articleEvents.note })
    .from(articleEvents)
    .where(eq(articleEvents.articleId, id))
    .orderBy(desc(articleEvents.id))
    .limit(1);
  return last?.action === 'reject' ? last.note : null;
}

async function view(ctx: AppContext, a: EditableArticle): Promise<EditorArticleT> {
  const names = await staffNames(ctx.db, a.authorId === null ? [] : [a.authorId]);
  return {
    id: a.id,
    title: a.title,
    summary: a.summary,
    body: a.body,
    coverUrl: a.coverUrl,
    column: a.columnId,
    author:
      a.authorId !== null && names.has(a.authorId) ? { id: a.authorId, name: names.get(a.authorId)! } : null,
    tags: a.tagIds,
    brands: a.brandIds,
    series: a.seriesIds,
    source: a.source,
    language: a.language,
    region: a.region ?? null,
    status: a.status,
    revision: a.revision,
    approved: a.approvedRevision === a.revision,
    publishAt: a.publishAt?.toISOString() ?? null,
    publishedAt: a.publishedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    reviewNote: a.status === 'draft' ? await lastRejectNote(ctx.db, a.id) : null,
  };
}

/** An article in any state, as the editor shows it. */
export async function articleForEditing(ctx: AppContext, id: number): Promise<EditorArticleT> {
  const a = await getArticleForEditing(ctx.db, id);
  if (!a) throw notFound(id);
  return view(ctx, a);
}

export async function createArticle(
  ctx: AppContext,
  staff: Staff,
  input: ArticleInputT,
): Promise<EditorArticleT> {
  mayAct(staff, WRITERS);
  const fields = await fieldsOf(ctx, input, staff.id);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const articleId = await insertArticle(tx, fields, now);
    await tx.insert(articleRevisions).values({
      articleId,
      revision: 1,
      staffId: staff.id,
      changed: [...SNAPSHOT_FIELDS],
      snapshot: snapshotOf(fields),
      createdAt: now,
    });
    await articlesChanged(tx, [articleId]);
    return articleId;
  });
  return articleForEditing(ctx, id);
}

/**
 * Saves an edit made from `revision`. A save over a newer revision is refused with
 * article.edit_conflict, so two people editing at once never overwrite each other silently.
 */
export async function editArticle(
  ctx: AppContext,
  staff: Staff,
  id: number,
  revision: number,
  input: ArticleInputT,
): Promise<EditorArticleT> {
  mayAct(staff, WRITERS);
  const existing = await getArticleForEditing(ctx.db, id);
  if (!existing) throw notFound(id);
  // Left out, the byline stays as it is.
  const fields = await fieldsOf(ctx, input, existing.authorId);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const current = await getArticleForEditing(tx, id);
    if (!current) throw notFound(id);
    if (!EDITABLE.includes(current.status)) {
      throw new AppError(
        'article.not_editable',
        `The article is ${current.status}; reopen it as a draft to edit it.`,
      );
    }
    if (current.revision !== revision) {
      throw new AppError(
        'article.edit_conflict',
        `The article is at revision ${current.revision}; this edit started from revision ${revision}.`,
        { currentRevision: current.revision },
      );
    }
    const changed = changedFields(snapshotOf(current), snapshotOf(fields));
    if (changed.length === 0) return; // nothing to save: no new revision, approval kept
    const saved = await updateArticleContent(tx, id, revision, fields, EDITABLE, now);
    // Someone saved or moved it between our read and our write.
    if (!saved) throw new AppError('article.edit_conflict', 'The article changed while this edit was saved.');
    await tx.insert(articleRevisions).values({
      articleId: id,
      revision: saved.revision,
      staffId: staff.id,
      changed,
      snapshot: snapshotOf(fields),
      createdAt: now,
    });
    if (current.status === 'scheduled') {
      // Its approval was for other words: back to review, and the schedule is dropped.
      await tx.insert(articleEvents).values({
        articleId: id,
        action: 'unschedule',
        revision: saved.revision,
        staffId: staff.id,
        note: null,
        createdAt: now,
      });
    }
    await articlesChanged(tx, [id]);
  });
  return articleForEditing(ctx, id);
}

/** One workflow step (submit, approve, reject, schedule, unschedule, publish, archive, reopen). */
export async function takeStep(
  ctx: AppContext,
  staff: Staff,
  id: number,
  step: StepInputT,
): Promise<EditorArticleT> {
  const rule = STEPS[step.action];
  mayAct(staff, rule.roles);
  const now = ctx.clock.now();
  if (step.action === 'approve' && step.revision === undefined)
    throw invalid('name the revision you reviewed', 'body.revision');
  if (step.action === 'reject' && !step.note) throw invalid('say what should change', 'body.note');
  let publishAt: Date | undefined;
  if (step.action === 'schedule') {
    if (!step.publishAt) throw invalid('a publication time is required', 'body.publishAt');
    publishAt = new Date(step.publishAt);
    if (publishAt.getTime() <= now.getTime())
      throw invalid('the publication time must be in the future', 'body.publishAt');
  }

  const set: { approvedRevision?: number | null; publishAt?: Date | null; publishedAt?: Date | null } = {};
  if (step.action === 'approve') set.approvedRevision = step.revision;
  if (step.action === 'reject' || step.action === 'submit' || step.action === 'reopen')
    set.approvedRevision = null;
  if (step.action === 'schedule') set.publishAt = publishAt;
  if (['unschedule', 'publish', 'archive', 'reject', 'reopen'].includes(step.action)) set.publishAt = null;
  if (step.action === 'publish') set.publishedAt = now;

  const before = await getArticleForEditing(ctx.db, id);
  if (!before) throw notFound(id);
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const moved = await moveArticle(
      tx,
      id,
      { from: rule.from, to: rule.to, revision: step.revision, approved: rule.approved, set },
      now,
    );
    if (!moved) {
      const current = await getArticleForEditing(tx, id);
      if (!current) throw notFound(id);
      if (step.revision !== undefined && current.revision !== step.revision) {
        throw new AppError(
          'article.edit_conflict',
          `The article is at revision ${current.revision}, not ${step.revision}: read it again first.`,
          { currentRevision: current.revision },
        );
      }
      const why =
        rule.from.includes(current.status) && rule.approved
          ? 'it has not been approved at its current revision'
          : `it is ${current.status}`;
      throw new AppError('article.invalid_transition', `Cannot ${step.action} this article: ${why}.`, {
        status: current.status,
        action: step.action,
      });
    }
    await tx.insert(articleEvents).values({
      articleId: id,
      action: step.action,
      revision: moved.revision,
      staffId: staff.id,
      note: step.note ?? null,
      publishAt: publishAt ?? null,
      createdAt: now,
    });
    await articlesChanged(tx, [id]);
  });
  // Readers' caches: publishing shows it, archiving hides it, either changes the feed.
  if (before.status === 'published' || rule.to === 'published') await invalidateArticle(ctx.caches, id);
  return articleForEditing(ctx, id);
}

/** Who saved which revision and who took which step, oldest first. */
export async function articleHistory(ctx: AppContext, id: number) {
  if (!(await getArticleForEditing(ctx.db, id))) throw notFound(id);
  const [revisions, events] = await Promise.all([
    ctx.db
      .select({
        revision: articleRevisions.revision,
        staffId: articleRevisions.staffId,
        changed: articleRevisions.changed,
        createdAt: articleRevisions.createdAt,
      })
      .from(articleRevisions)
      .where(eq(articleRevisions.articleId, id))
      .orderBy(asc(articleRevisions.revision)),
    ctx.db.select().from(articleEvents).where(eq(articleEvents.articleId, id)).orderBy(asc(articleEvents.id)),
  ]);
  const names = await staffNames(ctx.db, [
    ...revisions.flatMap((r) => (r.staffId === null ? [] : [r.staffId])),
    ...events.flatMap((e) => (e.staffId === null ? [] : [e.staffId])),
  ]);
  const by = (staffId: number | null) =>
    staffId !== null && names.has(staffId) ? { id: staffId, name: names.get(staffId)! } : null;
  return {
    revisions: revisions.map((r) => ({
      revision: r.revision,
      by: by(r.staffId),
      at: r.createdAt.toISOString(),
      changed: r.changed,
    })),
    events: events.map((e) => ({
      action: e.action,
      revision: e.revision,
      by: by(e.staffId),
      note: e.note,
      publishAt: e.publishAt?.toISOString() ?? null,
      at: e.createdAt.toISOString(),
    })),
  };
}

/** Word segmentation for the diff: Chinese words are found by the runtime's segmenter. */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** The text of a snapshot field, as a person reads it (the body as text, lists joined). */
function readable(s: ArticleSnapshot, field: (typeof SNAPSHOT_FIELDS)[number]): string {
  const v = fieldValue(s, field);
  if (field === 'body') return bodyText(s.body);
  if (Array.isArray(v)) return v.join(', ');
  return v === null ? '' : String(v);
}

/** What changed between two revisions, field by field, as word-level diffs of the text. */
export async function diffRevisions(
  ctx: AppContext,
  id: number,
  from: number,
  to: number,
): Promise<RevisionDiffT> {
  const rows = await ctx.db
    .select({ revision: articleRevisions.revision, snapshot: articleRevisions.snapshot })
    .from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, id)));
  const a = rows.find((r) => r.revision === from);
  const b = rows.find((r) => r.revision === to);
  if (rows.length === 0 && !(await getArticleForEditing(ctx.db, id))) throw notFound(id);
  if (!a || !b) {
    throw new AppError('article.revision_not_found', `The article has no revision ${!a ? from : to}.`);
  }
  const fields: RevisionDiffT['fields'] = [];
  for (const field of SNAPSHOT_FIELDS) {
    const before = readable(a.snapshot, field);
    const after = readable(b.snapshot, field);
    if (before === after && (field !== 'body' || a.snapshot.body === b.snapshot.body)) continue;
    const parts = diffWords(before, after, { intlSegmenter: segmenter }).map((p) => ({
      value: p.value,
      added: Boolean(p.added),
      removed: Boolean(p.removed),
    }));
    fields.push({ field, before, after, parts });
  }
  return { from, to, fields };
}

/**
 * Publishes the scheduled articles whose time has come (by the app clock). Safe to run on several
 * instances at once: each article is claimed by exactly one pass (content's conditional UPDATE).
 */
export async function publishDue(ctx: AppContext): Promise<number[]> {
  const now = ctx.clock.now();
  const published = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const rows = await publishDueArticles(tx, now);
    if (rows.length === 0) return rows;
    await tx.insert(articleEvents).values(
      rows.map((r) => ({
        articleId: r.id,
        action: 'publish' as const,
        revision: r.revision,
        staffId: null,
        note: null,
        createdAt: now,
      })),
    );
    await articlesChanged(
      tx,
      rows.map((r) => r.id),
    );
    return rows;
  });
  for (const r of published) await invalidateArticle(ctx.caches, r.id);
  if (published.length)
    ctx.log.info({ event: 'editorial.published', count: published.length }, 'scheduled articles published');
  return published.map((r) => r.id);
}
