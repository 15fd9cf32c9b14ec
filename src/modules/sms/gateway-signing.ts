/**
 * Request signing for the SMS gateway, in the shape the large mainland providers use for their
 * HTTP APIs: a canonical form of the request (method, path, query, chosen headers, body hash) is
 * hashed, and that hash is signed with HMAC-SHA256 under the access key secret. The timestamp and
 * a nonce are among the signed headers, so the gateway can refuse replays and stale requests.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';

export const SIGNATURE_ALGORITHM = 'HMAC-SHA256';

export const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');

/** RFC 3986 encoding: encodeURIComponent leaves !'()* alone, which canonical forms must not. */
const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export interface CanonicalInput {
  method: string;
  url: URL;
  /** Header names in lower case; every one given here is signed. */
  headers: Record<string, string>;
  body: string;
}

/** The canonical request; both sides must build it byte for byte alike. */
export function canonicalRequest({ method, url, headers, body }: CanonicalInput): string {
  const query = [...url.searchParams]
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .sort()
    .join('&');
  const names = Object.keys(headers).sort();
  return [
    method.toUpperCase(),
    url.pathname || '/',
    query,
    ...names.map((n) => `${n}:${headers[n].trim()}`),
    '',
    names.join(';'),
    sha256Hex(body),
  ].join('\n');
}

export function signature(secret: string, canonical: string): string {
  const stringToSign = `${SIGNATURE_ALGORITHM}\n${sha256Hex(canonical)}`;
  return createHmac('sha256', secret).update(stringToSign, 'utf8').digest('hex');
}

/** The headers of a signed JSON POST: the signed ones plus Authorization. */
export function signedHeaders(options: {
  url: URL;
  action: string;
  body: string;
  keyId: string;
  secret: string;
  now: Date;
}): Record<string, string> {
  const { url, action, body, keyId, secret, now } = options;
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    host: url.host,
    'x-sms-action': action,
    'x-sms-content-sha256': sha256Hex(body),
    'x-sms-date': now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'x-sms-nonce': randomUUID(),
  };
  const sig = signature(secret, canonicalRequest({ method: 'POST', url, headers, body }));
  const names = Object.keys(headers).sort().join(';');
  // fetch sets Host itself from the URL, to the same value that was signed.
  const { host: _host, ...sent } = headers;
  return {
    ...sent,
    authorization: `${SIGNATURE_ALGORITHM} Credential=${keyId}, SignedHeaders=${names}, Signature=${sig}`,
  };
}
