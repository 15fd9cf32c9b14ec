/** The shape of a language's templates. A template returns undefined when the story lacks what it needs. */
import type { Html } from '../html.ts';
import type { Story } from '../story.ts';
import type { ColumnId } from '../taxonomy.ts';

/** Plain text: a title, a summary or a list heading (stored as text, escaped by whoever renders it). */
export type Line = (s: Story) => string | undefined;
/** The inline content of one paragraph: markup built with the `html` tag, values escaped. */
export type Para = (s: Story) => Html | undefined;
/** A bulleted list under a heading. */
export type List = (s: Story) => { heading: string; items: (string | Html)[] } | undefined;

export interface ColumnTexts {
  titles: Line[];
  summaries: Line[];
  /** Opening paragraphs: who, what, where, when. */
  leads: Para[];
  paragraphs: Para[];
  lists: List[];
}

export interface LanguageTexts {
  columns: Record<ColumnId, ColumnTexts>;
  /** Closing paragraphs that fit any column: outlook, context, what to watch. */
  closings: Para[];
  /** Added when the story is about electric or hydrogen machines. */
  electric: Para[];
  /** Added when the story touches attachments and parts. */
  parts: Para[];
}

/** Limits a template to exhibition stories (events column). */
export const atExpo =
  <T>(t: (s: Story) => T | undefined) =>
  (s: Story): T | undefined =>
    s.atExpo ? t(s) : undefined;

/** Limits a template to forum and conference stories (events column). */
export const atForum =
  <T>(t: (s: Story) => T | undefined) =>
  (s: Story): T | undefined =>
    s.atExpo ? undefined : t(s);
