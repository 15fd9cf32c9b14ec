/**
 * Password hashing: argon2id (@node-rs/argon2), in a child process whose CPU priority is the
 * lowest there is (Linux's idle scheduling class, or nice 19 where that cannot be set), on at most
 * (cores - 1) hashes at once. Each hash costs about 9 ms of a core: in the server's own process a
 * burst of sign-ins took the cores from the event loop and every reader waited. Now the hasher
 * only gets the CPU time nobody else wants: sign-ins slow down under load and reading does not
 * (docs/performance.md). Where no child process can be started, hashing falls back to this
 * process's thread pool.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism, setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from './errors.ts';

// Algorithm 2 is argon2id (the library's const enum cannot be imported under isolatedModules).
const OPTIONS = { algorithm: 2 as const };

/** Hashes at once: every core but one, which stays for the event loop and the database. */
export const HASH_CONCURRENCY = Math.max(1, availableParallelism() - 1);
/** Waiting hashes beyond this answer 503 rather than pile up without end. */
const MAX_WAITING = 500;

let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= HASH_CONCURRENCY) {
    if (waiting.length >= MAX_WAITING)
      throw new AppError('service.unavailable', 'Too many sign-ins at once. Try again shortly.');
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

const HASHER = fileURLToPath(new URL('./hasher-process.mjs', import.meta.url));
let hasher: ChildProcess | undefined;
let hasherFailed = false;

/** Hash in this process from now on: it is itself a low-priority process (the sign-in process). */
export function hashInThisProcess(): void {
  hasherFailed = true;
}
let nextId = 0;
const pending = new Map<number, { resolve: (v: string | boolean) => void; reject: (e: Error) => void }>();

function startHasher(): ChildProcess | undefined {
  if (hasher || hasherFailed) return hasher;
  try {
    const child = spawn(process.execPath, [HASHER], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    if (child.pid) lowerPriority(child.pid);
    child.on('message', (msg: { id: number; ok: boolean; value: string | boolean }) => {
      const call = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.ok) call?.resolve(msg.value);
      else call?.reject(new Error(String(msg.value)));
    });
    const lost = (err?: Error) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') hasherFailed = true;
      hasher = undefined;
      for (const call of pending.values()) call.reject(err ?? new Error('the hasher process ended'));
      pending.clear();
    };
    child.on('error', lost);
    child.on('exit', () => lost());
    // The hasher must never keep the server (or a test run) alive by itself.
    child.unref();
    (child.channel as unknown as { unref?: () => void } | undefined)?.unref?.();
    hasher = child;
    return child;
  } catch {
    hasherFailed = true;
    return undefined;
  }
}

/**
 * SCHED_IDLE (`chrt --idle`): the kernel runs the hasher only when no ordinary thread wants the
 * core, and a waking event loop preempts it at once. With nice 10 the event loop still waited
 * for the hasher's slice now and then (docs/performance.md). Lowering one's own child's priority
 * needs no privilege.
 */
export function lowerPriority(pid: number) {
  execFile('chrt', ['--idle', '--pid', '0', String(pid)], (err) => {
    if (!err) return;
    try {
      setPriority(pid, 19);
    } catch {
      // Not permitted here: the hasher keeps the ordinary priority, still off the event loop.
    }
  });
}

function inHasher<T extends string | boolean>(
  op: 'hash' | 'verify',
  a: string,
  b?: string,
  local?: () => Promise<T>,
): Promise<T> {
  const child = startHasher();
  if (!child?.connected) return local!();
  return new Promise<T>((resolve, reject) => {
    const id = ++nextId;
    pending.set(id, { resolve: resolve as (v: string | boolean) => void, reject });
    child.send({ id, op, a, b });
  }).catch((err: Error) => {
    // No child process can be started here: hash in this process from now on.
    if (hasherFailed && local) return local();
    throw err;
  });
}

export const hashPassword = (password: string) =>
  limited(() => inHasher<string>('hash', password, undefined, () => hash(password, OPTIONS)));

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await limited(() =>
      inHasher<boolean>('verify', passwordHash, password, () => verify(passwordHash, password)),
    );
  } catch (err) {
    if (err instanceof AppError) throw err;
    return false;
  }
}

/** A hash of a random secret: verifying against it costs what a real check costs (no enumeration). */
let dummy: Promise<string> | undefined;
export const dummyHash = () => {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
};

/** A password for generated accounts: 18 characters from a 64-symbol alphabet (108 bits). */
export function generatePassword(): string {
  return randomBytes(14).toString('base64url').slice(0, 18);
}
