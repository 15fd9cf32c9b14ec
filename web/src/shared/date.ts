/** Dates as readers expect them in a feed: "3 小时前" for the last week, a calendar date before. */
import type { Lang } from '../i18n/index.tsx';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function relativeDate(iso: string, lang: Lang, justNow: string, now = Date.now()): string {
  const then = new Date(iso).getTime();
  const ago = now - then;
  // Slightly future times (clock skew between server and phone) read as "just now".
  if (ago < MINUTE) return justNow;
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  if (ago < HOUR) return rtf.format(-Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return rtf.format(-Math.floor(ago / HOUR), 'hour');
  if (ago < 7 * DAY) return rtf.format(-Math.floor(ago / DAY), 'day');
  // This year's dates need no year: "11月16日" reads faster in a feed than "2026年11月16日".
  const sameYear = new Date(then).getFullYear() === new Date(now).getFullYear();
  return sameYear
    ? new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric' }).format(new Date(iso))
    : calendarDate(iso, lang);
}

export function calendarDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric' }).format(
    new Date(iso),
  );
}

export function dateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
