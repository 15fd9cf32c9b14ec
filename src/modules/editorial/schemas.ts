/** Wire shapes of the editorial console API. */
import { z } from 'zod';
import { ARTICLE_STATES } from '../content/tables.ts';
import { PROVINCE_IDS } from '../location/regions.ts';
import { isAllowedImageSrc } from './sanitize.ts';
import { WORKFLOW_ACTIONS } from './tables.ts';

const id = z.string().min(1).max(40);

export const ArticleInput = z.object({
  title: z.string().trim().min(1, { message: 'a title is required' }).max(200),
  summary: z.string().trim().max(500).default(''),
  /** HTML from the console's editor; sanitised on the server before it is stored. */
  body: z.string().max(200_000).default(''),
  coverUrl: z
    .string()
    .max(2000)
    .refine((u) => isAllowedImageSrc(u), { message: 'expected an uploaded picture or an https address' })
    .nullable()
    .default(null),
  column: id,
  /** The byline; left out, the writer. */
  authorId: z.number().int().positive().nullable().optional(),
  tags: z.array(id).max(20).default([]),
  brands: z.array(id).max(20).default([]),
  /** Model series the article is about (`GET /series`); unknown ids are a field error. */
  series: z.array(id).max(20).default([]),
  source: z.string().trim().max(200).default(''),
  language: z.enum(['zh-CN', 'en']).default('zh-CN'),
  /** The province a regional article (news, event, used equipment) is about; null for none. */
  region: z
    .enum(PROVINCE_IDS, { message: 'expected a province id of GET /regions' })
    .nullable()
    .default(null),
});
export type ArticleInputT = z.infer<typeof ArticleInput>;

export const ArticleEdit = ArticleInput.extend({
  /** The revision the edit started from: a save over a newer one is refused (article.edit_conflict). */
  revision: z.number().int().positive(),
});

export const StepInput = z.object({
  action: z.enum(WORKFLOW_ACTIONS),
  /** The revision the step is about: required to approve, checked whenever given. */
  revision: z.number().int().positive().optional(),
  /** Required to reject: what the writer should change. */
  note: z.string().trim().max(2000).optional(),
  /** Required to schedule: a time in the future (ISO 8601). */
  publishAt: z.iso.datetime({ offset: true }).optional(),
});
export type StepInputT = z.infer<typeof StepInput>;

const Person = z.object({ id: z.number().int(), name: z.string() }).nullable();

export const EditorArticle = z.object({
  id: z.number().int(),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  coverUrl: z.string().nullable(),
  column: z.string(),
  author: Person,
  tags: z.array(z.string()),
  brands: z.array(z.string()),
  series: z.array(z.string()),
  source: z.string(),
  language: z.string(),
  region: z.string().nullable(),
  status: z.enum(ARTICLE_STATES),
  revision: z.number().int(),
  /** Approved by a reviewer at the current revision: ready to schedule or publish. */
  approved: z.boolean(),
  publishAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The reviewer's note when the article was last sent back, while it is a draft. */
  reviewNote: z.string().nullable(),
});
export type EditorArticleT = z.infer<typeof EditorArticle>;

export const ArticleIdParams = z.object({
  id: z.coerce
    .number({ message: 'expected an article id (a positive whole number)' })
    .int({ message: 'expected an article id (a positive whole number)' })
    .positive({ message: 'expected an article id (a positive whole number)' })
    .max(Number.MAX_SAFE_INTEGER),
});

export const History = z.object({
  revisions: z.array(
    z.object({ revision: z.number().int(), by: Person, at: z.string(), changed: z.array(z.string()) }),
  ),
  events: z.array(
    z.object({
      action: z.enum(WORKFLOW_ACTIONS),
      revision: z.number().int(),
      by: Person,
      note: z.string().nullable(),
      publishAt: z.string().nullable(),
      at: z.string(),
    }),
  ),
});

export const DiffQuery = z.object({
  from: z.coerce.number().int().positive(),
  to: z.coerce.number().int().positive(),
});

const Part = z.object({ value: z.string(), added: z.boolean(), removed: z.boolean() });
export const RevisionDiff = z.object({
  from: z.number().int(),
  to: z.number().int(),
  fields: z.array(
    z.object({ field: z.string(), before: z.string(), after: z.string(), parts: z.array(Part) }),
  ),
});
export type RevisionDiffT = z.infer<typeof RevisionDiff>;

export const UploadedImage = z.object({ url: z.string(), width: z.number().int(), height: z.number().int() });
export const ImageQuery = z.object({ kind: z.enum(['body', 'cover']).default('body') });
