/**
 * index.html of the export: the same content as data.json, for a person, in the language they
 * asked for. Self-contained: inline CSS, no script, no request to anywhere (the CSP says so too),
 * and every value HTML-escaped.
 */
import type { Label } from '../../platform/personal-data.ts';
import type { ExportData, FieldDescription } from './build.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const TEXT = {
  title: { zh: '我的数据副本', en: 'A copy of my data' },
  intro: {
    zh: '这是 CCM 保存的关于你的全部个人信息，按类别列出，并注明每项信息的处理目的、处理依据、保存期限和注销时的处理方式。同一内容的机器可读版本见压缩包中的 data.json。',
    en: 'This is all the personal information CCM holds about you, by category, with the purpose, legal basis, retention period and what happens on erasure for each item. The same content, machine-readable, is in data.json in this archive.',
  },
  generatedAt: { zh: '生成时间', en: 'Generated at' },
  policyVersion: { zh: '隐私政策版本', en: 'Privacy policy version' },
  storageRegion: { zh: '存储地区', en: 'Storage region' },
  exportId: { zh: '导出编号', en: 'Export id' },
  contents: { zh: '目录', en: 'Contents' },
  table: { zh: '数据表', en: 'Table' },
  purposes: { zh: '处理目的', en: 'Purposes' },
  legalBasis: { zh: '处理依据', en: 'Legal basis' },
  retention: { zh: '保存期限', en: 'Retention' },
  erasure: { zh: '注销时', en: 'On erasure' },
  sensitive: { zh: '敏感个人信息', en: 'Sensitive personal information' },
  decrypted: { zh: '加密保存，此处为解密后的内容', en: 'stored encrypted; shown here decrypted' },
  none: { zh: '（无记录）', en: '(no records)' },
  files: { zh: '文件', en: 'Files' },
  omitted: { zh: '未包含的内容及原因', en: 'What is left out, and why' },
  column: { zh: '字段', en: 'Column' },
  reason: { zh: '原因', en: 'Reason' },
  rows: { zh: '条记录', en: 'records' },
  unreadable: { zh: '（无法解密）', en: '(cannot be decrypted)' },
  times: {
    zh: '时间均为北京时间。没有任何记录的类别不在此列出（data.json 中仍有说明）。',
    en: 'Times are China time (UTC+8). Categories with nothing about you are not shown here (data.json still describes them).',
  },
} satisfies Record<string, Label>;

const CSS = `
*{box-sizing:border-box}
body{margin:0;padding:16px;font:15px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1d1d1f;background:#f6f6f7}
main{max-width:960px;margin:0 auto}
h1{font-size:24px;margin:8px 0}
h2{font-size:19px;margin:28px 0 8px;padding-top:8px;border-top:2px solid #d7261e}
h3{font-size:15px;margin:16px 0 4px}
section.cat{background:#fff;border-radius:8px;padding:4px 14px 14px;margin:16px 0}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;background:#fff;border-radius:8px;padding:12px}
dl.meta dt{color:#555}
dl.meta dd{margin:0;word-break:break-all}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0}
th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top;word-break:break-word}
th{background:#f0f0f2}
ul.rules{margin:4px 0;padding-left:18px;font-size:13px;color:#444}
.tag{display:inline-block;font-size:12px;padding:0 6px;border-radius:4px;background:#fde8e7;color:#a11}
.muted{color:#777}
@media (max-width:480px){body{padding:8px}table{font-size:12px}}
`;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** `2026-11-25T10:55:43.674Z` → `2026-11-25 18:55:43` (China time, which has no daylight saving). */
function chinaTime(iso: string): string {
  return new Date(new Date(iso).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** What a person reads for a column: the stored name without the "_ciphertext" of encrypted ones. */
const columnTitle = (column: string) => column.replace(/_ciphertext$/, '');

function cell(value: unknown, lang: keyof Label): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && ISO_TIME.test(value)) return escapeHtml(chinaTime(value));
  if (typeof value === 'object' && value && 'unreadable' in value)
    return `<span class="muted">${escapeHtml(TEXT.unreadable[lang])}</span>`;
  return escapeHtml(typeof value === 'string' ? value : JSON.stringify(value));
}

function fieldRules(f: FieldDescription, lang: keyof Label): string {
  const t = (l: Label) => escapeHtml(l[lang]);
  const [list, semi, colon] = lang === 'zh' ? ['、', '；', '：'] : [', ', '; ', ': '];
  const purposes = f.purposes.map((p) => t(p.label)).join(list);
  const flags = [
    f.sensitive ? ` <span class="tag">${t(TEXT.sensitive)}</span>` : '',
    f.decrypted ? ` <span class="muted">(${t(TEXT.decrypted)})</span>` : '',
    // Annotation notes are written in English: shown on the English page only (data.json has them).
    f.note && lang === 'en' ? ` <span class="muted">— ${escapeHtml(f.note)}</span>` : '',
  ].join('');
  const rules = [
    `${t(TEXT.purposes)}${colon}${purposes}`,
    `${t(TEXT.legalBasis)}${colon}${t(f.legalBasis.label)}`,
    `${t(TEXT.retention)}${colon}${t(f.retention)}`,
    `${t(TEXT.erasure)}${colon}${t(f.erasure.label)}`,
  ].join(semi);
  return `<li><code>${escapeHtml(columnTitle(f.column))}</code>${flags}<br>${rules}</li>`;
}

/** The fields of one category in one table, as a table with a row per record. */
function tableBlock(table: string, fields: FieldDescription[], data: ExportData, lang: keyof Label): string {
  const rowCount = data.tables[table]?.rows.length ?? 0;
  const t = (l: Label) => escapeHtml(l[lang]);
  const parts = [
    `<h3>${t(TEXT.table)}${lang === 'zh' ? '：' : ': '}<code>${escapeHtml(table)}</code> · ${rowCount} ${t(TEXT.rows)}</h3>`,
  ];
  parts.push(`<ul class="rules">${fields.map((f) => fieldRules(f, lang)).join('')}</ul>`);
  const rowsWithValues = new Set<number>();
  const byRow = fields.map((f) => {
    const m = new Map<number, unknown>();
    for (const v of f.values) {
      m.set(v.row, v.value);
      rowsWithValues.add(v.row);
    }
    return m;
  });
  if (rowsWithValues.size === 0) {
    parts.push(`<p class="muted">${t(TEXT.none)}</p>`);
    return parts.join('');
  }
  const head = fields.map((f) => `<th>${escapeHtml(columnTitle(f.column))}</th>`).join('');
  const body = [...rowsWithValues]
    .sort((a, b) => a - b)
    .map((r) => `<tr>${byRow.map((m) => `<td>${cell(m.get(r), lang)}</td>`).join('')}</tr>`)
    .join('');
  parts.push(
    `<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`,
  );
  return parts.join('');
}

export function renderIndexHtml(data: ExportData): string {
  const lang: keyof Label = data.language === 'en' ? 'en' : 'zh';
  // A person reads what is held about them; empty columns stay described in data.json only.
  const categories = data.categories
    .map((c) => ({ ...c, fields: c.fields.filter((f) => f.values.length > 0) }))
    .filter((c) => c.fields.length > 0);
  const t = (l: Label) => escapeHtml(l[lang]);
  const out: string[] = [];
  out.push(
    `<!doctype html><html lang="${data.language}"><head><meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:">`,
    `<title>${t(TEXT.title)} · CCM</title><style>${CSS}</style></head><body><main>`,
    `<h1>${t(TEXT.title)}</h1><p>${t(TEXT.intro)}</p>`,
    `<dl class="meta"><dt>${t(TEXT.generatedAt)}</dt><dd>${escapeHtml(chinaTime(data.generatedAt))}</dd>`,
    `<dt>${t(TEXT.policyVersion)}</dt><dd>${escapeHtml(data.policyVersion)}</dd>`,
    `<dt>${t(TEXT.storageRegion)}</dt><dd>${escapeHtml(data.storageRegion)}</dd>`,
    `<dt>${t(TEXT.exportId)}</dt><dd>${escapeHtml(data.exportId)}</dd></dl>`,
    `<p class="muted">${t(TEXT.times)}</p>`,
    `<nav><h2>${t(TEXT.contents)}</h2><ul>${categories
      .map((c) => `<li><a href="#${escapeHtml(c.id)}">${t(c.label)}</a></li>`)
      .join('')}</ul></nav>`,
  );
  for (const c of categories) {
    out.push(`<section class="cat" id="${escapeHtml(c.id)}"><h2>${t(c.label)}</h2>`);
    const byTable = new Map<string, FieldDescription[]>();
    for (const f of c.fields) byTable.set(f.table, [...(byTable.get(f.table) ?? []), f]);
    for (const [table, fields] of byTable) out.push(tableBlock(table, fields, data, lang));
    out.push('</section>');
  }
  if (data.files.length > 0) {
    out.push(
      `<section class="cat"><h2>${t(TEXT.files)}</h2><ul>${data.files
        .map((f) => `<li><a href="${escapeHtml(f.path)}">${escapeHtml(f.path)}</a></li>`)
        .join('')}</ul></section>`,
    );
  }
  out.push(
    `<section class="cat"><h2>${t(TEXT.omitted)}</h2><div class="scroll"><table><thead><tr><th>${t(TEXT.table)}</th><th>${t(
      TEXT.column,
    )}</th><th>${t(TEXT.reason)}</th></tr></thead><tbody>${data.omitted
      .map(
        (o) =>
          `<tr><td>${escapeHtml(o.table)}</td><td>${escapeHtml(o.column)}</td><td>${escapeHtml(o.reason[lang])}</td></tr>`,
      )
      .join('')}</tbody></table></div></section>`,
    '</main></body></html>\n',
  );
  return out.join('');
}
