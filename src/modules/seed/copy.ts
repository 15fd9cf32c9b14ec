/**
 * COPY FROM STDIN in PostgreSQL's text format, streamed with backpressure: rows are produced
 * lazily by a generator and only as fast as the server takes them, so memory stays flat however
 * many rows are loaded.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue = string | number | Date | null;

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field in COPY text format: backslash, tab, newline and CR escaped; NULL as \N. */
export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString();
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c]) : value;
}

/** One row: fields separated by tabs, ended by a newline. */
export function copyLine(values: CopyValue[]): string {
  let line = copyField(values[0]);
  for (let i = 1; i < values.length; i++) line += `\t${copyField(values[i])}`;
  return `${line}\n`;
}

/** Rows are sent in chunks of about this many characters: fewer, larger writes. */
const CHUNK_CHARS = 256 * 1024;

function* chunked(lines: Iterable<string>): Generator<string> {
  let buffer = '';
  for (const line of lines) {
    buffer += line;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

/**
 * Streams `lines` (each from copyLine) into `table (columns)` on `client`. The generator runs only
 * when the socket can take more, which is the backpressure. Returns the server's row count.
 */
export async function copyInto(
  client: pg.PoolClient,
  table: string,
  columns: string[],
  lines: Iterable<string>,
): Promise<number> {
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunked(lines)), sink);
  return sink.rowCount;
}
