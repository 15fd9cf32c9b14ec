/**
 * Third-party sign-in (policy 1.2): sign-in attempts in flight, identities waiting for a phone to be
 * bound, and the identities linked to accounts. The provider's subject and whatever profile fields
 * it offered are kept encrypted; a subject is looked up by its keyed blind index.
 */
import { bigint, index, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import {
  ccmTable,
  notPersonal,
  type PersonalDeclaration,
  personal,
  RETAIN,
} from '../../platform/personal-data.ts';
import { users } from '../accounts/tables.ts';

export const PROVIDER_IDS = ['apple', 'wechat'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/**
 * One row per sign-in started and not yet come back: what the callback must check (state, nonce,
 * PKCE verifier, the browser that started it). Server-side rather than in a cookie because Apple
 * answers with a cross-site form POST that carries no SameSite=Lax cookie, because a row can be
 * consumed exactly once (a replayed state finds nothing), and because every instance sees it.
 */
export const oauthFlows = ccmTable(
  'oauth_flows',
  {
    /** SHA-256 of the state sent to the provider. */
    stateHash: text('state_hash').primaryKey(),
    provider: text('provider', { enum: PROVIDER_IDS }).notNull(),
    nonce: text('nonce'),
    codeVerifier: text('code_verifier'),
    redirectUri: text('redirect_uri').notNull(),
    returnTo: text('return_to').notNull(),
    /** SHA-256 of the random ccm_oauth cookie of the browser that started the sign-in. */
    browserHash: text('browser_hash').notNull(),
    /** Set when a signed-in member links this provider to their account (not a sign-in). */
    linkUserId: bigint('link_user_id', { mode: 'number' }).references(() => users.id, {
      onDelete: 'cascade',
    }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  {
    columns: {
      stateHash: notPersonal('random, single use'),
      provider: notPersonal(),
      nonce: notPersonal('random, single use'),
      codeVerifier: notPersonal('random PKCE verifier, single use'),
      redirectUri: notPersonal('our own callback address'),
      returnTo: notPersonal('a path of the app, not tied to a person: no account exists yet'),
      browserHash: notPersonal('hash of a random value; names no person or device'),
      linkUserId: notPersonal('link to the member linking a provider; gone within ten minutes'),
      createdAt: notPersonal(),
      expiresAt: notPersonal(),
    },
  },
  (t) => [index('oauth_flows_expires_idx').on(t.expiresAt)],
);

/** Associated data of the encrypted columns (field-crypto.ts): a ciphertext moved elsewhere fails. */
export const PENDING_CONTEXT = {
  subject: 'oauth_pending_links.subject',
  nickname: 'oauth_pending_links.nickname',
  avatarUrl: 'oauth_pending_links.avatar_url',
  email: 'oauth_pending_links.email',
} as const;
export const IDENTITY_CONTEXT = {
  subject: 'user_identities.subject',
  email: 'user_identities.email',
} as const;

/** What a provider told us about someone who has not bound a phone yet: kept 15 minutes. */
const pendingData = (category: PersonalDeclaration['category'], encrypted: string, note?: string) =>
  personal({
    category,
    purposes: ['third-party-login'],
    legalBasis: 'consent',
    sensitive: false,
    retention: RETAIN.days(1, 'created'),
    erasure: { action: 'delete' },
    encrypted,
    note: note ?? 'offered by the provider; expires after 15 minutes, then removed by the next sign-in',
  });

export const oauthPendingLinks = ccmTable(
  'oauth_pending_links',
  {
    /** SHA-256 of the opaque link id handed to the web app. */
    idHash: text('id_hash').primaryKey(),
    provider: text('provider', { enum: PROVIDER_IDS }).notNull(),
    subjectCiphertext: text('subject_ciphertext').notNull(),
    nicknameCiphertext: text('nickname_ciphertext'),
    avatarUrlCiphertext: text('avatar_url_ciphertext'),
    emailCiphertext: text('email_ciphertext'),
    returnTo: text('return_to').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  {
    columns: {
      idHash: notPersonal('hash of a random value'),
      provider: notPersonal(),
      subjectCiphertext: pendingData(
        'account.identifier',
        PENDING_CONTEXT.subject,
        'the provider’s user id (Apple sub, WeChat unionid or openid); expires after 15 minutes',
      ),
      nicknameCiphertext: pendingData('profile.nickname', PENDING_CONTEXT.nickname),
      avatarUrlCiphertext: pendingData('profile.avatar', PENDING_CONTEXT.avatarUrl),
      emailCiphertext: pendingData('contact.email', PENDING_CONTEXT.email),
      returnTo: notPersonal('a path of the app'),
      createdAt: notPersonal(),
      expiresAt: notPersonal(),
    },
  },
  (t) => [index('oauth_pending_links_expires_idx').on(t.expiresAt)],
);

const identityData = (category: PersonalDeclaration['category'], note: string, encrypted?: string) =>
  personal({
    category,
    purposes: ['third-party-login'],
    legalBasis: 'consent',
    sensitive: false,
    retention: RETAIN.accountLifetime,
    erasure: { action: 'delete' },
    note,
    ...(encrypted ? { encrypted } : {}),
  });

/** A provider identity linked to an account: one per provider and account. */
export const userIdentities = ccmTable(
  'user_identities',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider', { enum: PROVIDER_IDS }).notNull(),
    subjectIndex: text('subject_index').notNull(),
    subjectCiphertext: text('subject_ciphertext').notNull(),
    /** Only when the member ticked "import my email" (policy 1.2). */
    emailCiphertext: text('email_ciphertext'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  {
    subject: 'userId',
    columns: {
      id: notPersonal(),
      userId: notPersonal('link to the data subject'),
      provider: notPersonal(),
      subjectIndex: identityData('account.identifier', 'keyed HMAC of the provider’s user id, for sign-in'),
      subjectCiphertext: identityData(
        'account.identifier',
        'the provider’s user id, AES-256-GCM',
        IDENTITY_CONTEXT.subject,
      ),
      emailCiphertext: identityData(
        'contact.email',
        'imported from the provider only when the member ticked it',
        IDENTITY_CONTEXT.email,
      ),
      createdAt: notPersonal(),
      lastUsedAt: identityData('credential.session', 'last sign-in through this provider'),
    },
  },
  (t) => [
    uniqueIndex('user_identities_subject_idx').on(t.provider, t.subjectIndex),
    uniqueIndex('user_identities_user_provider_idx').on(t.userId, t.provider),
  ],
);
