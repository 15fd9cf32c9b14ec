/**
 * A progress bar for long seeding runs, on stderr so stdout stays clean for the caller's output.
 * On a terminal it redraws one line in place (at most ten times a second); otherwise, as in CI
 * logs or when piped, it prints a plain line at every tenth of the way.
 */

export interface Progress {
  /** Count `n` more rows done. */
  add(n: number): void;
  /** Draw the final state and end the line. */
  done(): void;
}

interface Stream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): boolean;
}

const REDRAW_MS = 100;

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

export function formatRate(perSecond: number): string {
  if (perSecond >= 10_000) return `${Math.round(perSecond / 1000)}k`;
  if (perSecond >= 1000) return `${(perSecond / 1000).toFixed(1)}k`;
  return String(Math.round(perSecond));
}

export function createProgress(
  label: string,
  total: number,
  stream: Stream = process.stderr,
  now: () => number = () => performance.now(),
): Progress {
  const started = now();
  const tty = stream.isTTY === true;
  let done = 0;
  let lastDraw = 0;
  let lastTenth = -1;

  const line = (): string => {
    const elapsed = (now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const eta = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
    const pct = `${(fraction * 100).toFixed(1).padStart(5)}%`;
    const stats = `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}  ${formatRate(rate)} rows/s`;
    const timing = done >= total ? `in ${formatDuration(elapsed)}` : `ETA ${formatDuration(eta)}`;
    if (!tty) return `${label} ${pct}  ${stats}  ${timing}`;
    const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - label.length - stats.length - 30));
    const filled = Math.round(fraction * width);
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct}  ${stats}  ${timing}`;
  };

  const draw = (final: boolean) => {
    if (tty) {
      // \r returns to the start of the line; ESC[K clears what a longer previous line left behind.
      stream.write(`\r${line()}\x1b[K${final ? '\n' : ''}`);
      return;
    }
    const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
    // The 100% line waits for done(), which prints it with the total time.
    if (final || (tenth > lastTenth && tenth < 10)) {
      lastTenth = tenth;
      stream.write(`${line()}\n`);
    }
  };

  return {
    add(n: number) {
      done += n;
      const t = now();
      if (t - lastDraw >= REDRAW_MS) {
        lastDraw = t;
        draw(false);
      }
    },
    done() {
      draw(true);
    },
  };
}
