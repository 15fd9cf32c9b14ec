/**
 * Builds the web app when the build is missing or older than its sources: the stamp file in the
 * build records a hash of every source file, so `npm start` rebuilds exactly when needed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const WEB_SRC = path.join(ROOT, 'web');
export const WEB_DIST = path.join(ROOT, 'dist', 'web');
const STAMP = '.build-stamp';

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

/** Hash of the web sources and of what shapes the build (lockfile, shared catalogues). */
export function sourceHash(): string {
  const hash = createHash('sha256');
  const inputs = [...files(WEB_SRC), path.join(ROOT, 'package-lock.json')];
  for (const file of inputs) {
    if (!existsSync(file) || !statSync(file).isFile()) continue;
    hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export function buildIsCurrent(): boolean {
  const stamp = path.join(WEB_DIST, STAMP);
  return (
    existsSync(path.join(WEB_DIST, 'index.html')) &&
    existsSync(path.join(WEB_DIST, 'console.html')) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8').trim() === sourceHash()
  );
}

/** Runs the Vite build unless the existing one is current. Returns true when it built. */
export async function ensureWebBuild(log: (msg: string) => void): Promise<boolean> {
  if (buildIsCurrent()) return false;
  log('Building the web app (first start, or its sources changed)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(WEB_SRC, 'vite.config.ts'), logLevel: 'warn' });
  const { writeFileSync } = await import('node:fs');
  writeFileSync(path.join(WEB_DIST, STAMP), `${sourceHash()}\n`);
  return true;
}
