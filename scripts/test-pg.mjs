// Runs the unit and integration tests against the PostgreSQL server (and Redis) of the machine:
// DATABASE_URL and REDIS_URL default to the local services; each test file gets its own database.
import { spawnSync } from 'node:child_process';

const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
  REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
};
console.log(
  `test:pg — DATABASE_URL=${new URL(env.DATABASE_URL).host}${new URL(env.DATABASE_URL).pathname}, REDIS_URL=${new URL(env.REDIS_URL).host}`,
);
const result = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
