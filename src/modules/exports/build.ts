/**
 * What goes into a member's copy of their data, and the zip it is written to.
 *
 * Every table that names a member as its subject (src/platform/subject-data.ts) is read with one
 * query for that member; encrypted columns are decrypted (the member's data key, or the keyring for
 * older values) with the context their annotation names; secrets that are not the member's information to read (hashes of passwords,
 * codes and session tokens, blind indexes, the identity of staff) are left out and listed, with
 * the reason, in `omitted`. Nothing here names a table: a table added later is exported as soon as
 * it declares its subject column.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Column, Table } from 'drizzle-orm';
import { zip } from 'fflate';
import type { AppContext } from '../../context.ts';
import { allTables } from '../../db/schema.ts';
import type { FieldCipher } from '../../platform/field-crypto.ts';
import {
  CATEGORIES,
  type Category,
  type ColumnDeclaration,
  erasureLabel,
  type Label,
  LEGAL_BASES,
  type PersonalDeclaration,
  PURPOSES,
  retentionLabel,
} from '../../platform/personal-data.ts';
import { memberSubjectTables, subjectRows } from '../../platform/subject-data.ts';
import { currentPolicyVersion } from '../accounts/policy-version.ts';
import { memberCipher } from '../keys/member-keys.ts';
import { renderIndexHtml } from './html.ts';
import type { ExportLanguage } from './tables.ts';

export const EXPORT_FORMAT = 'ccm-data-export/1';

/** Why a column is left out of the copy, decided from its annotation and name alone. */
export function omissionReason(sqlName: string, d: ColumnDeclaration | undefined): Label | undefined {
  if (d?.personal && d.category === 'credential.password')
    return {
      zh: '密码或验证码的单向哈希：无法还原为原文，提供它只会帮助他人猜测你的密码',
      en: 'a one-way hash of a password or code: it cannot be turned back into the secret, and handing it out would only help someone guess it',
    };
  if (d?.personal && sqlName.endsWith('_hash'))
    return {
      zh: '登录令牌等秘密的单向哈希：不是关于你的信息，泄露可能被用于冒用你的会话',
      en: 'a one-way hash of a secret such as a sign-in token: not information about you, and it could help someone impersonate your session',
    };
  if (d?.personal && sqlName.endsWith('_index'))
    return {
      zh: '盲索引（带密钥的指纹），仅用于查找；对应的原值已以可读形式提供',
      en: 'a blind index (a keyed fingerprint) used only for look-ups; the value itself is given to you in readable form',
    };
  if (d?.personal && d.category === 'staff.identity')
    return {
      zh: '识别 CCM 工作人员的信息，不是你的个人信息；访问记录本身已列出',
      en: 'it identifies a CCM staff member, not you; the access itself is listed',
    };
  return undefined;
}

export interface FieldDescription {
  table: string;
  column: string;
  category: { id: Category; label: Label };
  purposes: { id: string; label: Label }[];
  legalBasis: { id: string; label: Label };
  sensitive: boolean;
  retention: Label;
  erasure: { action: string; label: Label };
  note?: string;
  /** Stored encrypted at rest; the copy holds the decrypted value. */
  decrypted: boolean;
  /** The non-empty values, each with the index of its row in `tables[table].rows`. */
  values: { row: number; value: unknown }[];
}

export interface ExportData {
  format: string;
  exportId: string;
  generatedAt: string;
  language: ExportLanguage;
  policyVersion: string;
  storageRegion: string;
  subject: { userId: number };
  /** Personal information, grouped by category, each field with its purposes and rules. */
  categories: { id: Category; label: Label; fields: FieldDescription[] }[];
  /** Every row of every table about the member, with the context columns (times, states). */
  tables: Record<string, { rows: Record<string, unknown>[] }>;
  /** Columns left out, and why. */
  omitted: { table: string; column: string; category?: Category; reason: Label }[];
  /** Uploaded files in the zip (the avatar). */
  files: { path: string; table: string; column: string; category: Category; bytes: number }[];
}

export interface ExportFile {
  zipPath: string;
  bytes: Uint8Array;
}

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** A stored relative upload path (e.g. `avatars/<hex>.webp`) as a file inside the uploads directory. */
function uploadFile(dataDir: string, stored: unknown): string | undefined {
  if (typeof stored !== 'string' || !/^[a-z]+\/[0-9a-f]{32}\.[a-z]{3,4}$/.test(stored)) return undefined;
  const file = path.join(dataDir, 'uploads', stored);
  return existsSync(file) ? file : undefined;
}

type BuildContext = Pick<AppContext, 'db' | 'keyring' | 'config' | 'clock'>;

/** Everything CCM holds about the member, and their uploaded files. */
export async function collectMemberData(
  ctx: BuildContext,
  userId: number,
  meta: { exportId: string; language: ExportLanguage; generatedAt: Date },
  tables: Table[] = allTables,
): Promise<{ data: ExportData; files: ExportFile[] }> {
  const subjectTables = memberSubjectTables(tables);
  // One query per table, all at once (a server pool runs them side by side).
  const [rowsByTable, cipher] = await Promise.all([
    Promise.all(subjectTables.map((st) => subjectRows(ctx.db, st, userId))),
    memberCipher(ctx, userId),
  ]);
  const policyVersion = await currentPolicyVersion(ctx);

  const data: ExportData = {
    format: EXPORT_FORMAT,
    exportId: meta.exportId,
    generatedAt: meta.generatedAt.toISOString(),
    language: meta.language,
    policyVersion,
    storageRegion: ctx.config.CCM_STORAGE_REGION,
    subject: { userId },
    categories: [],
    tables: {},
    omitted: [],
    files: [],
  };
  const byCategory = new Map<Category, FieldDescription[]>();
  const files: ExportFile[] = [];

  for (const [i, st] of subjectTables.entries()) {
    const rows = rowsByTable[i];
    const kept: {
      key: string;
      column: Column;
      d: ColumnDeclaration | undefined;
      field?: FieldDescription;
    }[] = [];
    for (const { key, column, declaration: d } of st.columns) {
      const reason = omissionReason(column.name, d);
      if (reason) {
        data.omitted.push({
          table: st.name,
          column: column.name,
          ...(d?.personal ? { category: d.category } : {}),
          reason,
        });
        continue;
      }
      let field: FieldDescription | undefined;
      if (d?.personal) {
        field = describeField(st.name, column.name, d);
        const list = byCategory.get(d.category) ?? [];
        list.push(field);
        byCategory.set(d.category, list);
      }
      kept.push({ key, column, d, field });
    }

    const out: Record<string, unknown>[] = new Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const o: Record<string, unknown> = {};
      for (const { key, column, d, field } of kept) {
        let value = plain(row[key]);
        if (d?.personal && d.encrypted && typeof value === 'string')
          value = decrypt(cipher, value, d.encrypted);
        o[column.name] = value ?? null;
        if (field && value !== null && value !== undefined) field.values.push({ row: r, value });
      }
      out[r] = o;
    }
    data.tables[st.name] = { rows: out };

    // Uploaded files named by an avatar column go into the zip beside the data.
    for (const { key, column, d } of kept) {
      if (!d?.personal || d.category !== 'profile.avatar') continue;
      for (const row of rows) {
        const file = uploadFile(ctx.config.dataDir, row[key]);
        if (!file) continue;
        const bytes = new Uint8Array(await readFile(file));
        const n = files.length;
        const zipPath = `files/avatar${n === 0 ? '' : `-${n + 1}`}${path.extname(file)}`;
        files.push({ zipPath, bytes });
        data.files.push({
          path: zipPath,
          table: st.name,
          column: column.name,
          category: d.category,
          bytes: bytes.length,
        });
      }
    }
  }

  for (const id of Object.keys(CATEGORIES) as Category[]) {
    const fields = byCategory.get(id);
    if (fields) data.categories.push({ id, label: CATEGORIES[id], fields });
  }
  return { data, files };
}

function describeField(table: string, column: string, d: PersonalDeclaration): FieldDescription {
  return {
    table,
    column,
    category: { id: d.category, label: CATEGORIES[d.category] },
    purposes: d.purposes.map((id) => ({ id, label: PURPOSES[id] })),
    legalBasis: { id: d.legalBasis, label: LEGAL_BASES[d.legalBasis] },
    sensitive: d.sensitive,
    retention: retentionLabel(d.retention),
    erasure: { action: d.erasure.action, label: erasureLabel(d.erasure) },
    ...(d.note ? { note: d.note } : {}),
    decrypted: Boolean(d.encrypted),
    values: [],
  };
}

/** A value that cannot be decrypted (a key destroyed) is marked, never shown as ciphertext. */
function decrypt(cipher: FieldCipher, value: string, context: string): unknown {
  try {
    return cipher.decrypt(value, context);
  } catch {
    return { unreadable: true };
  }
}

const zipAsync = (files: Record<string, Uint8Array>) =>
  new Promise<Uint8Array>((resolve, reject) =>
    zip(files, { level: 6 }, (err, out) => (err ? reject(err) : resolve(out))),
  );

/** The zip: data.json, index.html in the member's language, and files/. */
export async function buildExportZip(
  ctx: BuildContext,
  userId: number,
  meta: { exportId: string; language: ExportLanguage; generatedAt: Date },
): Promise<Uint8Array> {
  const { data, files } = await collectMemberData(ctx, userId, meta);
  const enc = new TextEncoder();
  const entries: Record<string, Uint8Array> = {
    // Compact: the zip's size and build time grow with every byte; index.html is the readable form.
    'data.json': enc.encode(JSON.stringify(data)),
    'index.html': enc.encode(renderIndexHtml(data)),
  };
  for (const f of files) entries[f.zipPath] = f.bytes;
  return zipAsync(entries);
}
