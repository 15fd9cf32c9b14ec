/**
 * The article body is HTML that the apps render as is, so it is built only from `<p>`, `<h2>`,
 * `<ul><li>` and `<strong>`, and every interpolated value is escaped. `Html` marks text that is
 * already markup, so the `html` tag can tell it apart from values that still need escaping.
 */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]) : text;
}

type Value = string | number | Html;

const render = (v: Value): string => (v instanceof Html ? v.value : escapeHtml(String(v)));

/** Tagged template: the literal parts are trusted markup/text, interpolations are escaped. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

export const strong = (v: Value): Html => new Html(`<strong>${render(v)}</strong>`);
export const p = (v: Value): Html => new Html(`<p>${render(v)}</p>`);
export const h2 = (v: Value): Html => new Html(`<h2>${render(v)}</h2>`);
export const ul = (items: Value[]): Html =>
  new Html(`<ul>${items.map((i) => `<li>${render(i)}</li>`).join('')}</ul>`);

/** The tags a body may contain, for tests and for anyone checking generated content. */
export const ALLOWED_BODY_TAGS = ['p', 'h2', 'ul', 'li', 'strong'] as const;
