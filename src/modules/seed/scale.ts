// placeholder replaced by the seed work
import type { Database } from '../../db/client.ts';
export async function seedScale(_d: Database, _o: { articles: number; users: number }) {}
