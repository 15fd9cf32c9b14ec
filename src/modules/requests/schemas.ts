/** Wire shapes of rights requests (member and console) and of the working-day calendar. */
import { z } from 'zod';
import { hasUnsafeCharacters } from '../profile/text-rules.ts';
import { CALENDAR_KINDS, REQUEST_CHANNELS, REQUEST_STATUSES, REQUEST_TYPES } from './tables.ts';

export const DETAIL_MAX = 2000;
/** Types whose request means nothing without the member saying what it is about. */
export const DETAIL_REQUIRED = new Set(['correction', 'deletion', 'explanation', 'complaint']);

/** Plain text: line endings unified, NFC, trimmed; control and direction-override characters refused. */
const PlainText = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\r\n?/g, '\n').normalize('NFC').trim())
    .refine((s) => [...s].length <= max, { message: `expected at most ${max} characters` })
    .refine((s) => !hasUnsafeCharacters(s, true), { message: 'contains control characters' });

export const NewRequest = z
  .object({
    type: z.enum(REQUEST_TYPES),
    detail: PlainText(DETAIL_MAX).optional().describe('required except for access; plain text'),
  })
  .superRefine((body, issue) => {
    if (DETAIL_REQUIRED.has(body.type) && !body.detail) {
      issue.addIssue({ code: 'custom', path: ['detail'], message: 'say what the request is about' });
    }
  });

export const RequestCreated = z.object({
  id: z.number().int(),
  dueAt: z.string().describe('18:00 China time (UTC+8) on the 15th working day after the request'),
});

const Channel = z.enum(REQUEST_CHANNELS).describe('member, or guardian when a child’s guardian opened it');

export const MemberRequest = z.object({
  id: z.number().int(),
  type: z.enum(REQUEST_TYPES),
  channel: Channel,
  status: z.enum(REQUEST_STATUSES),
  detail: z.string().nullable(),
  createdAt: z.string(),
  dueAt: z.string(),
  answer: z.string().nullable(),
  refusalReason: z.string().nullable(),
  answeredAt: z.string().nullable(),
});

export const IdParams = z.object({ id: z.coerce.number().int().positive() });

export const DUE_FILTERS = ['soon', 'overdue'] as const;

export const ConsoleRequestQuery = z.object({
  status: z.enum(REQUEST_STATUSES).optional(),
  type: z.enum(REQUEST_TYPES).optional(),
  due: z.enum(DUE_FILTERS).optional().describe('soon: within 3 working days; overdue: past due, unanswered'),
  cursor: z
    .string()
    .regex(/^\d{1,15}\.\d{1,15}$/)
    .optional()
    .describe('nextCursor of the previous page'),
});

const Deadline = z.object({
  dueAt: z.string(),
  dueSoon: z.boolean(),
  overdue: z.boolean(),
  workingDaysLeft: z
    .number()
    .int()
    .describe('working days from today to the due date; 0 when due today or late'),
});

export const ConsoleRequestItem = Deadline.extend({
  id: z.number().int(),
  userId: z.number().int(),
  type: z.enum(REQUEST_TYPES),
  channel: Channel,
  status: z.enum(REQUEST_STATUSES),
  repeated: z.boolean(),
  createdAt: z.string(),
  assignedTo: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
});

export const ConsoleRequestPage = z.object({
  items: z.array(ConsoleRequestItem),
  nextCursor: z.string().nullable(),
});

export const ConsoleRequestDetail = ConsoleRequestItem.extend({
  detail: z.string().nullable(),
  answer: z.string().nullable(),
  refusalReason: z.string().nullable(),
  answeredAt: z.string().nullable(),
  member: z.object({
    id: z.number().int(),
    nickname: z.string().nullable(),
    phone: z.string().nullable().describe('masked'),
    status: z.string(),
    ageGroup: z.string(),
    requestsLast30Days: z.number().int(),
  }),
  history: z.array(
    z.object({
      action: z.string(),
      at: z.string(),
      staff: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
    }),
  ),
});

export const AnswerBody = z
  .object({
    outcome: z.enum(['done', 'refused']),
    answer: PlainText(DETAIL_MAX).optional().describe('what was done, told to the member (done)'),
    reason: PlainText(DETAIL_MAX).optional().describe('why the request is refused (refused)'),
  })
  .superRefine((body, issue) => {
    if (body.outcome === 'done' && !body.answer) {
      issue.addIssue({ code: 'custom', path: ['answer'], message: 'write the answer to the member' });
    }
    if (body.outcome === 'refused' && (!body.reason || [...body.reason].length < 5)) {
      issue.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'a refusal needs a reason of at least 5 characters',
      });
    }
  });

export const RequestSummary = z.object({
  pending: z.number().int(),
  dueSoon: z.number().int(),
  overdue: z.number().int(),
});

// The calendar.

const DateString = z.string().describe('YYYY-MM-DD, China date');

export const CalendarDayOut = z.object({
  date: z.string(),
  kind: z.enum(CALENDAR_KINDS),
  nameZh: z.string(),
  nameEn: z.string(),
  note: z.string().nullable(),
  provisional: z.boolean(),
  updatedAt: z.string(),
});

export const CalendarYear = z.object({
  year: z.number().int(),
  provisional: z.boolean().describe('some days are provisional, awaiting the State Council’s schedule'),
  days: z.array(CalendarDayOut),
});

export const CalendarYearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

const DayFields = {
  kind: z.enum(CALENDAR_KINDS),
  nameZh: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(80),
  note: z.string().trim().max(500).nullable().optional(),
  provisional: z.boolean().optional(),
};

export const CalendarDayBody = z.object({ date: DateString, ...DayFields });
export const CalendarDayUpdate = z.object(DayFields);
export const CalendarDateParams = z.object({ date: DateString });
