/**
 * The privacy policy's version and the generated "what we collect", loaded once per page life and
 * shared by the privacy page, registration and the third-party binding page.
 */
import { useAsync } from '../shared/useAsync.ts';
import { type Collection, getCollection } from './account.ts';

let cached: Collection | undefined;

export function useCollection() {
  return useAsync<Collection>('privacy-collection', async (signal) => {
    cached ??= await getCollection(signal);
    return cached;
  });
}
