/**
 * Password sign-ins through the sign-in process (sign-in-process.ts), for a server on PostgreSQL:
 * the event loop that serves readers only parses the request, sends one message and writes the
 * reply, while the statements, argon2 and the answer are made in a process the kernel runs only
 * when nothing else wants the CPU. Sign-ins slow down under load; readers do not.
 *
 * Until the process is ready, or if it cannot be started or dies, sign-ins run in this process as
 * before (`loginWithPassword`), so a sign-in never fails because of where it runs; a process that
 * ended is started again at the next sign-in.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Config } from '../../config.ts';
import type { AppContext } from '../../context.ts';
import { AppError, type ErrorCode } from '../../platform/errors.ts';
import { lowerPriority } from '../../platform/passwords.ts';
import { loginWithPassword } from './service.ts';
import type { Device } from './sessions.ts';

export interface SignInRequest {
  id: number;
  phone: string;
  password: string;
  ip: string;
  device: Device;
}
type SignedIn = Awaited<ReturnType<typeof loginWithPassword>>;
export type SignInReply =
  | { ready: true }
  | { id: number; ok: true; value: SignedIn }
  | { id: number; ok: false; error?: { code: ErrorCode; detail?: string; extra: AppError['extra'] } };

const ENTRY = fileURLToPath(new URL('./sign-in-process.ts', import.meta.url));
/** tsx's loader (its package exports it as the entry point). */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export class SignInRunner {
  private child?: ChildProcess;
  private ready = false;
  private closed = false;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (v: SignedIn) => void; reject: (e: Error) => void }
  >();
  private readyWaiters: (() => void)[] = [];
  /** Sign-ins answered by the sign-in process, and in this process while it was not ready. */
  readonly counts = { delegated: 0, here: 0 };

  constructor(private readonly config: Config) {}

  /** Whether the server's settings call for the sign-in process (a PostgreSQL server, not turned off). */
  static wanted(config: Config): boolean {
    return Boolean(config.DATABASE_URL) && config.CCM_SIGN_IN_PROCESS;
  }

  start(): void {
    if (this.child || this.closed) return;
    const child = fork(ENTRY, [], {
      // The TypeScript loader the server itself runs under.
      execArgv: ['--import', TSX_LOADER],
      env: { ...process.env, CCM_SIGN_IN_CONFIG: JSON.stringify(this.config) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    this.child = child;
    if (child.pid) lowerPriority(child.pid);
    child.on('message', (msg: SignInReply) => {
      if ('ready' in msg) {
        this.ready = true;
        for (const resolve of this.readyWaiters.splice(0)) resolve();
        return;
      }
      const call = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (!call) return;
      if (msg.ok) call.resolve(msg.value);
      else if (msg.error) call.reject(new AppError(msg.error.code, msg.error.detail, msg.error.extra));
      else call.reject(new Error('the sign-in failed in the sign-in process (its log has the cause)'));
    });
    const lost = () => {
      if (this.child !== child) return;
      this.child = undefined;
      this.ready = false;
      // Whether those sign-ins were done is unknown: the client is asked to try again.
      const ended = new AppError('service.unavailable', 'Sign-in was interrupted. Try again.');
      for (const call of this.pending.values()) call.reject(ended);
      this.pending.clear();
    };
    child.on('error', lost);
    child.on('exit', lost);
    // Never keeps the server (or a test run) alive by itself.
    child.unref();
    (child.channel as unknown as { unref?: () => void } | undefined)?.unref?.();
  }

  /** A password sign-in, in the sign-in process when it is ready, else in this process. */
  async signIn(
    ctx: AppContext,
    input: { phone: string; password: string },
    ip: string,
    device: Device,
  ): Promise<SignedIn> {
    this.start();
    const child = this.child;
    if (!this.ready || !child?.connected) {
      this.counts.here += 1;
      return loginWithPassword(ctx, input, ip, device);
    }
    this.counts.delegated += 1;
    const id = ++this.nextId;
    return new Promise<SignedIn>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      child.send({ id, ...input, ip, device } satisfies SignInRequest);
    });
  }

  /** Resolves once the process has connected to the database and takes sign-ins. */
  whenReady(): Promise<void> {
    this.start();
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    this.child?.disconnect();
    this.child = undefined;
  }
}
