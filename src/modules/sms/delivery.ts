/**
 * Handing messages to the provider. A real gateway takes a noticeable time to answer; waiting for
 * it only when there is something to send would let a stopwatch tell registered numbers from
 * others. So a remote provider sends after the request has been answered, and a failure is
 * logged (without the number or the code) instead of changing the answer. The development outbox
 * is written before answering, so the code is there when a test or a person looks.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { SmsMessage, SmsProvider } from './provider.ts';

const pending = new WeakMap<SmsProvider, Set<Promise<void>>>();

/** What of an error may be logged: its kind and the provider's code, not its message's details. */
function summary(err: unknown) {
  const e = err as { name?: string; code?: unknown; status?: unknown; requestId?: unknown };
  return { type: e?.name, code: e?.code, status: e?.status, requestId: e?.requestId };
}

export async function deliver(
  provider: SmsProvider,
  message: SmsMessage,
  log: Pick<FastifyBaseLogger, 'error'>,
): Promise<void> {
  if (!provider.remote) return provider.send(message);
  const jobs = pending.get(provider) ?? new Set<Promise<void>>();
  pending.set(provider, jobs);
  const job: Promise<void> = provider
    .send(message)
    .catch((err: unknown) =>
      log.error({ sms: summary(err), purpose: message.purpose }, 'SMS delivery failed'),
    )
    .finally(() => jobs.delete(job));
  jobs.add(job);
}

/** Waits for the messages still being sent (at shutdown, and in tests). */
export async function settleDeliveries(provider: SmsProvider): Promise<void> {
  await Promise.allSettled([...(pending.get(provider) ?? [])]);
}
