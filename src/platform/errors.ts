/**
 * The one catalogue of errors. Each has a stable machine-readable code that clients may rely on; on
 * the wire every error is application/problem+json (RFC 9457) with that code.
 */

export const ERRORS = {
  'validation.failed': { status: 400, title: 'The request is not valid' },
  'request.malformed_json': { status: 400, title: 'The request body is not valid JSON' },
  'request.bad_request': { status: 400, title: 'The request cannot be processed' },
  'request.body_too_large': { status: 413, title: 'The request body is too large' },
  'request.unsupported_media_type': { status: 415, title: 'The content type is not supported' },
  'route.not_found': { status: 404, title: 'There is nothing at this address' },
  'route.method_not_allowed': { status: 405, title: 'This method is not allowed here' },
  'auth.unauthenticated': { status: 401, title: 'Sign-in is required' },
  'auth.invalid_credentials': { status: 401, title: 'The credentials are not valid' },
  'auth.forbidden': { status: 403, title: 'You may not do this' },
  'auth.csrf_failed': { status: 403, title: 'The request lacks a valid CSRF token' },
  rate_limited: { status: 429, title: 'Too many requests' },
  'account.phone_taken': { status: 409, title: 'This phone number already has an account' },
  'account.not_found': { status: 404, title: 'The account does not exist' },
  'member.cancelled': { status: 409, title: 'The account is cancelled' },
  'member.no_phone': { status: 409, title: 'The account has no phone number' },
  'session.not_found': { status: 404, title: 'No such signed-in device' },
  'article.not_found': { status: 404, title: 'The article does not exist' },
  'article.invalid_transition': {
    status: 409,
    title: 'The article is not in a state that allows this step',
  },
  'article.edit_conflict': {
    status: 409,
    title: 'Someone saved the article since you opened it; reload and apply your changes again',
  },
  'article.not_editable': {
    status: 409,
    title: 'A published or archived article cannot be edited; reopen it as a draft first',
  },
  'article.revision_not_found': { status: 404, title: 'The article has no such revision' },
  'article.image_type': { status: 415, title: 'The image must be a JPEG, PNG or WebP picture' },
  'article.image_unreadable': { status: 415, title: 'The image cannot be read' },
  'favorite.limit_reached': {
    status: 409,
    title: 'The favourites list is full; remove some before adding more',
  },
  'favorite.not_found': { status: 404, title: 'This article is not among the favourites' },
  'follow.target_not_found': { status: 404, title: 'There is nothing of this kind with this id to follow' },
  'interest.not_found': { status: 404, title: 'You have no such interest' },
  'follow.limit_reached': { status: 409, title: 'Too many follows; unfollow some before adding more' },
  'taxonomy.not_found': { status: 404, title: 'No such column, tag, brand or model series' },
  'taxonomy.exists': { status: 409, title: 'An entry with this id already exists' },
  'taxonomy.in_use': {
    status: 409,
    title: 'Articles, members or other entries still use this; unlink them first',
  },
  'search.history_not_found': { status: 404, title: 'No such entry in your search history' },
  'sms.code_invalid': { status: 400, title: 'The verification code is not valid' },
  'sms.code_expired': { status: 400, title: 'The verification code has expired' },
  'sms.too_many_attempts': { status: 429, title: 'Too many wrong codes; request a new one' },
  'oauth.state_invalid': {
    status: 400,
    title: 'The sign-in attempt is unknown, used or from another browser',
  },
  'oauth.token_invalid': { status: 400, title: 'The provider’s answer could not be verified' },
  'oauth.provider_unknown': { status: 404, title: 'This sign-in provider is not offered' },
  'oauth.provider_unavailable': { status: 502, title: 'The sign-in provider cannot be reached' },
  'oauth.link_expired': { status: 410, title: 'The sign-in attempt has expired; start again' },
  'oauth.provider_taken': {
    status: 409,
    title: 'The account is already linked to another identity of this provider',
  },
  'identity.not_found': { status: 404, title: 'No such linked identity' },
  'profile.nickname_taken': { status: 409, title: 'This nickname is already in use' },
  'profile.banned_word': { status: 400, title: 'The text contains a word that is not allowed' },
  'profile.avatar_type': { status: 415, title: 'The avatar must be a JPEG, PNG or WebP image' },
  'profile.avatar_unreadable': { status: 415, title: 'The image cannot be read' },
  'guardian.consent_required': {
    status: 403,
    title: 'A guardian must agree before this account can use this',
  },
  'guardian.not_required': { status: 409, title: 'This account does not need a guardian’s consent' },
  'guardian.no_request': { status: 409, title: 'No guardian has been sent a code; send one first' },
  'guardian.session_required': {
    status: 401,
    title: 'Verify the guardian’s phone first; a guardian session lasts 30 minutes',
  },
  'guardian.child_not_found': { status: 404, title: 'No child’s account in this guardian’s care' },
  'guardian.notice_outdated': {
    status: 409,
    title: 'The guardian notice has changed; read the current version',
  },
  'comment.not_found': { status: 404, title: 'No such comment' },
  'comment.phone_required': {
    status: 403,
    title: 'Commenting needs a verified phone number: bind a phone to the account first',
  },
  'comment.member_inactive': { status: 403, title: 'This account may not comment at the moment' },
  'comment.column_unknown': { status: 404, title: 'No such column' },
  'comment.already_reported': { status: 409, title: 'You have already reported this comment' },
  'comment.not_allowed': { status: 409, title: 'This cannot be done to the comment in its present state' },
  'banned_word.exists': { status: 409, title: 'This word is already on the list' },
  'banned_word.not_found': { status: 404, title: 'No such banned word' },
  'incident.not_found': { status: 404, title: 'No such incident' },
  'incident.already_notified': {
    status: 409,
    title: 'The people affected have already been told; an incident cannot be changed after that',
  },
  'service.notice_too_short': {
    status: 400,
    title: 'The end of the service must be announced at least 30 days ahead',
  },
  'service.ending': {
    status: 409,
    title: 'The service is ending: it collects no new personal information',
  },
  'service.not_ending': { status: 409, title: 'No end of the service has been announced' },
  'request.not_found': { status: 404, title: 'No such request' },
  'request.closed': { status: 409, title: 'The request has been answered already' },
  'calendar.invalid_date': { status: 400, title: 'The date is not a calendar date (YYYY-MM-DD)' },
  'calendar.workday_not_weekend': {
    status: 400,
    title: 'A make-up working day must fall on a Saturday or Sunday',
  },
  'calendar.date_exists': { status: 409, title: 'This date is already in the calendar' },
  'calendar.day_not_found': { status: 404, title: 'This date is not in the calendar' },
  'export.not_found': { status: 404, title: 'No such data export' },
  'export.not_ready': { status: 409, title: 'The data export is not ready to download' },
  'export.expired': { status: 410, title: 'The download link of this data export has expired' },
  'export.in_progress': { status: 429, title: 'A data export is already being prepared' },
  'consent.required': { status: 403, title: 'This needs your consent to its purpose' },
  'location.outside_service_area': {
    status: 422,
    title: 'The position is outside the area CCM serves (mainland China, Hong Kong, Macao and Taiwan)',
  },
  'consent.required_purpose': {
    status: 409,
    title: 'This purpose is required for an account; withdrawing it means cancelling the account',
  },
  'consent.acknowledgement_required': {
    status: 400,
    title: 'A sensitive purpose needs its own confirmation of purpose and impact',
  },
  'consent.guardian_only': { status: 409, title: 'Only the guardian can give or withdraw this consent' },
  'policy.version_exists': { status: 409, title: 'This policy version already exists' },
  'policy.version_not_found': { status: 404, title: 'No such policy version' },
  'third_party.not_found': { status: 404, title: 'No such third party' },
  'pin.column_not_found': { status: 404, title: 'No such column' },
  'pin.not_published': { status: 409, title: 'Only a published article can be pinned' },
  'pin.exists': { status: 409, title: 'This article is already pinned to the column' },
  'pin.limit_reached': { status: 409, title: 'The column has as many pins as it may; unpin one first' },
  'pin.not_found': { status: 404, title: 'This article is not pinned to the column' },
  'pin.order_mismatch': {
    status: 409,
    title: 'The order must name every pin of the column exactly once; reload the pins',
  },
  'ranking_params.version_conflict': {
    status: 409,
    title: 'Someone changed the recommendation parameters since you opened them; reload first',
  },
  'service.unavailable': { status: 503, title: 'The service is not ready' },
  'internal.error': { status: 500, title: 'An unexpected error occurred' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string> } & Record<
      string,
      unknown
    > = {},
  ) {
    super(detail ?? ERRORS[code].title);
    this.name = 'AppError';
    this.status = ERRORS[code].status;
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ErrorCode;
  instance?: string;
  correlationId?: string;
  errors?: FieldError[];
  [key: string]: unknown;
}

export function problemOf(error: AppError, instance?: string): Problem {
  const { headers: _headers, ...extra } = error.extra;
  return {
    type: `https://ccm.example.cn/problems/${error.code.replace(/[._]/g, '-')}`,
    title: ERRORS[error.code].title,
    status: error.status,
    ...(error.detail ? { detail: error.detail } : {}),
    code: error.code,
    ...(instance ? { instance } : {}),
    ...extra,
  };
}
