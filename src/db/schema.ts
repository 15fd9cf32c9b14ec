/** Every table of CCM. drizzle-kit generates migrations from this file; the privacy engine reads it. */
import { isTable, type Table } from 'drizzle-orm';
import * as accounts from '../modules/accounts/tables.ts';
import * as comments from '../modules/comments/tables.ts';
import * as consent from '../modules/consent/tables.ts';
import * as content from '../modules/content/tables.ts';
import * as editorial from '../modules/editorial/tables.ts';
import * as engagement from '../modules/engagement/tables.ts';
import * as erasure from '../modules/erasure/tables.ts';
import * as exportsTables from '../modules/exports/tables.ts';
import * as guardian from '../modules/guardian/tables.ts';
import * as identity from '../modules/identity/tables.ts';
import * as incidents from '../modules/incidents/tables.ts';
import * as keys from '../modules/keys/tables.ts';
import * as location from '../modules/location/tables.ts';
import * as members from '../modules/members/tables.ts';
import * as profile from '../modules/profile/tables.ts';
import * as recommendations from '../modules/recommendations/tables.ts';
import * as requests from '../modules/requests/tables.ts';
import * as search from '../modules/search/tables.ts';
import * as security from '../modules/security/tables.ts';
import * as sms from '../modules/sms/tables.ts';
import * as staff from '../modules/staff/tables.ts';

export * from '../modules/accounts/tables.ts';
export * from '../modules/comments/tables.ts';
export * from '../modules/consent/tables.ts';
export * from '../modules/content/tables.ts';
export * from '../modules/editorial/tables.ts';
export * from '../modules/engagement/tables.ts';
export * from '../modules/erasure/tables.ts';
export * from '../modules/exports/tables.ts';
export * from '../modules/guardian/tables.ts';
export * from '../modules/identity/tables.ts';
export * from '../modules/incidents/tables.ts';
export * from '../modules/keys/tables.ts';
export * from '../modules/location/tables.ts';
export * from '../modules/members/tables.ts';
export * from '../modules/profile/tables.ts';
export * from '../modules/recommendations/tables.ts';
export * from '../modules/requests/tables.ts';
export * from '../modules/search/tables.ts';
export * from '../modules/security/tables.ts';
export * from '../modules/sms/tables.ts';
export * from '../modules/staff/tables.ts';

/** All tables, for the annotation check, the inventory and the privacy engine. */
export const allTables: Table[] = [
  accounts,
  comments,
  consent,
  content,
  editorial,
  engagement,
  exportsTables,
  erasure,
  guardian,
  identity,
  incidents,
  keys,
  location,
  members,
  profile,
  recommendations,
  requests,
  search,
  security,
  sms,
  staff,
].flatMap((m) => Object.values(m).filter((v): v is Table => isTable(v)));
