/** Wire shapes of third-party sign-in. */
import { z } from 'zod';
import { Code, Me, Phone, SignedIn } from '../accounts/schemas.ts';
import { PROVIDER_IDS } from './tables.ts';

export const ProviderOut = z.object({
  id: z.enum(PROVIDER_IDS),
  name: z.string().describe('for the sign-in button'),
});

// A path of this site only: "/x", never "//host" or "/\host" (browsers read both as another site).
export const ReturnTo = z
  .string()
  .max(512)
  .regex(/^\/(?![/\\])[^\s\\]*$/, { message: 'expected a path of this site, such as /articles/42' })
  .default('/');

export const ProviderParams = z.object({ provider: z.string().min(1).max(20) });
export const StartQuery = z.object({ returnTo: ReturnTo });

export const CallbackQuery = z
  .object({
    code: z.string().max(2048).optional(),
    state: z.string().max(512).optional(),
    iss: z.string().max(512).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(1000).optional(),
  })
  .describe('the authorisation response');

export const LinkParams = z.object({ id: z.string().min(20).max(100) });

export const OfferedField = z.object({
  field: z.enum(['nickname', 'avatar', 'email']),
  preview: z
    .string()
    .nullable()
    .describe('masked value (nickname, email); null for the avatar, whose image is not shown before consent'),
});

export const PendingOut = z.object({
  provider: z.enum(PROVIDER_IDS),
  providerName: z.string(),
  offered: z.array(OfferedField).describe('only the fields the provider gave'),
  returnTo: z.string(),
  expiresAt: z.string(),
});

export const CompleteBody = z.object({
  phone: Phone,
  code: Code.describe('SMS code of purpose bind-phone (a registered number is linked to its account)'),
  policyVersion: z.string().min(1).max(40),
  consents: z.record(z.string().max(40), z.boolean()).describe('third-party-login must be true'),
  import: z.object({ nickname: z.boolean(), avatar: z.boolean(), email: z.boolean() }),
});

const Outcome = z
  .enum(['imported', 'taken', 'refused', 'kept', 'failed', 'not-chosen', 'not-offered'])
  .describe(
    'taken: another member has this nickname; refused: not a valid nickname here (length, ' +
      'characters, banned words); kept: the account already had one; failed: the avatar could ' +
      'not be fetched or read',
  );

export const BoundOut = SignedIn.extend({
  imported: z.object({ nickname: Outcome, avatar: Outcome, email: Outcome }),
  returnTo: z.string(),
  user: Me,
});

export const IdentityOut = z.object({
  provider: z.enum(PROVIDER_IDS),
  name: z.string(),
  email: z.string().nullable().describe('masked; only when the member chose to import it'),
  linkedAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
