/** Shapes of the data-export API (the two contract routes, the list and the download). */
import { z } from 'zod';
import { EXPORT_LANGUAGES, EXPORT_STATUSES } from './tables.ts';

export const ExportId = z
  .string()
  .regex(/^[0-9a-f]{32}$/, { message: 'expected an export id (32 hexadecimal characters)' });

export const ExportParams = z.object({ id: ExportId });

export const ExportRequestBody = z
  .object({
    lang: z
      .enum(EXPORT_LANGUAGES)
      .optional()
      .describe('language of index.html; default from Accept-Language'),
  })
  .strict()
  // The contract's POST has no body; one may be sent to choose the language.
  .nullish();

export const ExportOut = z.object({
  id: z.string(),
  status: z.enum(EXPORT_STATUSES),
  language: z.enum(EXPORT_LANGUAGES),
  requestedAt: z.string(),
  readyAt: z.string().optional(),
  expiresAt: z.string().optional().describe('the download answers 410 export.expired from then on'),
  expired: z.boolean(),
  sizeBytes: z.number().int().optional(),
  downloadUrl: z.string().optional().describe('present while the export is ready and not expired'),
});

export const ExportList = z.object({
  items: z.array(ExportOut).describe('the 50 newest exports, newest first'),
  nextCursor: z.null(),
});
