// placeholder replaced by the seed work
import type { Database } from '../../db/client.ts';
export async function seedDemoIfEmpty(_d: Database, _o: { log: (l: string) => void }) {
  return { created: false, staff: [] as { role: string; username: string; password: string }[] };
}
