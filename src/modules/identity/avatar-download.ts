/**
 * Fetches the avatar a provider offered, so that the profile keeps its own copy (made by the
 * profile module, which re-encodes it and drops its metadata): the provider's address may stop
 * working, and readers' browsers should not fetch images from the provider on every view. At most
 * 2 MB within 10 seconds; the address comes from the provider's verified answer, never from the
 * client.
 */
const MAX_BYTES = 2 * 1024 * 1024;

/** The body, or undefined as soon as it grows past `max` bytes (Content-Length may be missing). */
async function readAtMost(res: Response, max: number): Promise<Buffer | undefined> {
  if (!res.body) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.length;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(Buffer.from(value));
  }
}

/** The image's bytes, or undefined when it cannot be fetched as an image of at most 2 MB. */
export async function downloadAvatar(address: string): Promise<Buffer | undefined> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    const type = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (!res.ok || !type.startsWith('image/') || Number(res.headers.get('content-length') ?? 0) > MAX_BYTES) {
      await res.body?.cancel();
      return undefined;
    }
    const bytes = await readAtMost(res, MAX_BYTES);
    return bytes && bytes.length > 0 ? bytes : undefined;
  } catch {
    return undefined;
  }
}
