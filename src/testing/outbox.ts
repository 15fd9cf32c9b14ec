/** Reads SMS codes from the development outbox, as people and tests do (API contract). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface OutboxMessage {
  to: string;
  purpose: string;
  code?: string;
  kind?: 'code' | 'notice-registered';
  text: string;
  at: string;
}

export async function outbox(dataDir: string): Promise<OutboxMessage[]> {
  const text = await readFile(path.join(dataDir, 'outbox', 'sms.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OutboxMessage);
}

/** The newest code sent to the phone (E.164) for the purpose. */
export async function lastCode(dataDir: string, to: string, purpose: string): Promise<string> {
  // Notices (a registered phone asking to register) carry no code.
  const found = (await outbox(dataDir)).filter((m) => m.to === to && m.purpose === purpose && m.code).at(-1);
  if (!found) throw new Error(`no ${purpose} code was sent to ${to}`);
  return found.code!;
}

let counter = 0;
/** A fresh mainland number for a test (the 139 0000 xxxx block is not handed out). */
export function testPhone(): { national: string; e164: string } {
  counter += 1;
  const national = `1390${String(process.pid % 1000).padStart(3, '0')}${String(counter).padStart(4, '0')}`;
  return { national, e164: `+86${national}` };
}
