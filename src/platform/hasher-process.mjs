// The password hasher's own process, put in the idle scheduling class by passwords.ts: when the
// machine is busy, the kernel gives the server's event loop and the database the cores first and
// argon2 what is left. Plain JavaScript so that it starts without a TypeScript loader.
// It answers { id, ok, value } to each { id, op, a, b } it is sent.
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { algorithm: 2 }; // argon2id

// The server may be gone by the time a hash finishes (it was stopped): then there is no one to
// answer, and the answer is dropped instead of failing on the closed channel.
const answer = (reply) => {
  if (process.connected) process.send(reply, () => {});
};

process.on('message', async (msg) => {
  try {
    const value = msg.op === 'hash' ? await hash(msg.a, OPTIONS) : await verify(msg.a, msg.b ?? '');
    answer({ id: msg.id, ok: true, value });
  } catch (err) {
    answer({ id: msg.id, ok: false, value: err instanceof Error ? err.message : 'failed' });
  }
});
process.on('disconnect', () => process.exit(0));
