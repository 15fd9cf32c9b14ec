/**
 * A minimal browser for the provider's side of a sign-in: Node fetch with manual redirects and a
 * cookie jar, filling in oidc-provider's development login and consent forms, until the provider
 * sends the browser back to the app (a redirect, or Apple-style an auto-submitted form POST).
 */

export type BackToApp =
  | { method: 'GET'; url: URL }
  | { method: 'POST'; url: URL; form: Record<string, string> };

const decode = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** The first form of a page: its action and its inputs' names and values. */
export function parseForm(
  html: string,
  base: URL,
): { action: URL; fields: Record<string, string> } | undefined {
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const fields: Record<string, string> = {};
  for (const input of form[2].matchAll(/<input[^>]*>/gi)) {
    const name = /name="([^"]*)"/i.exec(input[0])?.[1];
    const value = /value="([^"]*)"/i.exec(input[0])?.[1] ?? '';
    if (name) fields[decode(name)] = decode(value);
  }
  return { action: new URL(decode(form[1]), base), fields };
}

export class ProviderBrowser {
  private readonly jar = new Map<string, string>();

  constructor(private readonly appOrigin: string) {}

  private async request(url: URL, init: { method?: string; form?: Record<string, string> } = {}) {
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const gone = attributes.some((a) => /expires=thu, 01 jan 1970/i.test(a.trim()) || /max-age=0/i.test(a));
      if (!value || gone) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  /**
   * Follows the provider from the authorisation URL back to the app: `login` is typed into the
   * login form when one is shown; `decline` presses "cancel" on the first form instead.
   */
  async authorize(start: string, options: { login: string; decline?: boolean }): Promise<BackToApp> {
    let url = new URL(start);
    let method = 'GET';
    let form: Record<string, string> | undefined;
    for (let step = 0; step < 20; step++) {
      if (url.href.startsWith(this.appOrigin)) return { method: 'GET', url };
      const res = await this.request(url, { method, form });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        url = new URL(location, url);
        method = 'GET';
        form = undefined;
        continue;
      }
      const html = await res.text();
      const page = parseForm(html, url);
      // An error goes back as a form POST too, answered with 400 (e.g. access_denied).
      if (page?.action.href.startsWith(this.appOrigin))
        return { method: 'POST', url: page.action, form: page.fields };
      if (res.status !== 200 || !page)
        throw new Error(`the provider answered ${res.status}: ${html.slice(0, 300)}`);
      if (options.decline) {
        url = new URL(`${page.action.pathname}/abort`, page.action);
        method = 'GET';
        form = undefined;
        continue;
      }
      method = 'POST';
      url = page.action;
      form =
        page.fields.prompt === 'login'
          ? { prompt: 'login', login: options.login, password: 'any password' }
          : { prompt: page.fields.prompt ?? 'consent' };
    }
    throw new Error('the provider did not send the browser back to the app');
  }
}
