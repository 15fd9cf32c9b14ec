import { z } from 'zod';
import { INCIDENT_AUDIENCES, INCIDENT_STATUSES, SERVICE_MODES } from './tables.ts';

const Text = (max: number) => z.string().trim().min(1).max(max);
export const Bilingual = (max: number) => z.object({ zh: Text(max), en: Text(max) });

export const IncidentBody = z.object({
  title: Bilingual(120),
  categories: z.array(z.string().max(40)).max(40),
  cause: Bilingual(4000),
  possibleHarm: Bilingual(4000),
  measures: Bilingual(4000),
  advice: Bilingual(4000),
  contact: Text(200),
  occurredAt: z.coerce.date().nullish(),
  discoveredAt: z.coerce.date(),
  audience: z.enum(INCIDENT_AUDIENCES),
  affectedUserIds: z.array(z.number().int().positive()).max(100_000).optional(),
});

export const Incident = IncidentBody.extend({
  id: z.number(),
  reference: z.string(),
  occurredAt: z.date().nullable(),
  affectedUserIds: z.array(z.number()),
  status: z.enum(INCIDENT_STATUSES),
  createdAt: z.date(),
  notifiedAt: z.date().nullable(),
  notifiedMembers: z.number(),
  notifiedBySms: z.number(),
  notifiedGuardians: z.number(),
});

export const IncidentPage = z.object({ items: z.array(Incident), nextCursor: z.string().nullable() });
export const IncidentParams = z.object({ id: z.coerce.number().int().positive() });
export const PageQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const ReportQuery = z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') });

const bilingualOut = z.object({ zh: z.string(), en: z.string() });
const incidentText = {
  reference: z.string(),
  title: bilingualOut,
  categories: z.array(z.object({ id: z.string(), label: bilingualOut })),
  cause: bilingualOut,
  possibleHarm: bilingualOut,
  measures: bilingualOut,
  advice: bilingualOut,
  contact: z.string(),
};

export const MemberNotice = z.object({
  id: z.number(),
  ...incidentText,
  viaGuardian: z.boolean(),
  notifiedAt: z.date(),
  readAt: z.date().nullable(),
});
export const Announcement = z.object({ ...incidentText, publishedAt: z.date().nullable() });

export const ServiceStatus = z.object({
  mode: z.enum(SERVICE_MODES),
  announcedAt: z.date().nullable(),
  endsAt: z.date().nullable(),
  message: bilingualOut.nullable(),
  endedAt: z.date().nullable(),
});
export const ServiceEndBody = z.object({ endsAt: z.coerce.date(), message: Bilingual(2000) });
