/**
 * Article bodies are stored sanitised: whatever the console sends (or someone sends in its place)
 * is cut down to a short allowlist of tags and attributes before it is written. Links keep only
 * http(s) addresses and get a fixed rel; pictures keep only our own upload addresses or https ones.
 * Everything else (scripts, event handlers, styles, frames, SVG, data: and javascript: URLs) goes.
 */
import sanitizeHtml from 'sanitize-html';
import { ARTICLE_IMAGE_PATH } from './images.ts';

const LINK_REL = 'noopener noreferrer nofollow';
const HTTP_URL = /^https?:\/\//i;

/** An image address the body may show: an upload of ours, or any https picture. */
export function isAllowedImageSrc(src: string | undefined): boolean {
  if (!src) return false;
  if (ARTICLE_IMAGE_PATH.test(src)) return true;
  try {
    return new URL(src).protocol === 'https:' && HTTP_URL.test(src);
  } catch {
    return false;
  }
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h2',
    'h3',
    'strong',
    'em',
    'ul',
    'ol',
    'li',
    'blockquote',
    'a',
    'img',
    'figure',
    'figcaption',
    'br',
  ],
  allowedAttributes: { a: ['href', 'rel'], img: ['src', 'alt'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: { img: ['https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  allowedStyles: {},
  disallowedTagsMode: 'discard',
  // The text inside these is not article text either: dropped with the tag.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'iframe',
    'svg',
    'math',
    'object',
    'template',
    'title',
  ],
  // What a browser's contentEditable makes, mapped to the allowlist.
  transformTags: {
    b: 'strong',
    i: 'em',
    div: 'p',
    h1: 'h2',
    h4: 'h3',
    h5: 'h3',
    h6: 'h3',
    a: (_tag, attribs): sanitizeHtml.Tag => ({
      tagName: 'a',
      attribs: HTTP_URL.test(attribs.href ?? '')
        ? { href: attribs.href, rel: LINK_REL }
        : ({} as sanitizeHtml.Attributes),
    }),
  },
  exclusiveFilter: (frame) =>
    (frame.tag === 'img' && !isAllowedImageSrc(frame.attribs.src)) ||
    // A link left without an address (it had a script: or relative one) is just its text's wrapper.
    (frame.tag === 'a' && !frame.attribs.href && !frame.text.trim()),
};

export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** The readable text of a (sanitised) body: one line per block, for diffs. */
export function bodyText(html: string): string {
  const withBreaks = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|h2|h3|li|blockquote|figcaption|figure)>/gi, '\n')
    .replace(/<img\b[^>]*\bsrc="([^"]*)"[^>]*>/gi, '[$1]\n');
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, e: string) => ENTITIES[e])
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}
