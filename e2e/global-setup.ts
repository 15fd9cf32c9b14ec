/** One server for the whole run; tests find it through environment variables (see fixtures.ts). */
import { startServer } from './server.ts';

export default async function globalSetup() {
  const server = await startServer();
  process.env.CCM_E2E_BASE_URL = server.baseURL;
  process.env.CCM_E2E_ACCOUNTS = JSON.stringify(server.accounts);
  // Playwright runs the returned function as the global teardown.
  return () => server.stop();
}
