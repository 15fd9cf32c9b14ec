/**
 * Personal-data annotations: the one source from which export, erasure, retention sweeps, the
 * personal information inventory and the policy's "what we collect" section are derived.
 *
 * Every table is defined with `ccmTable`, which takes a declaration for each column beside the
 * column itself. TypeScript refuses a missing key; `findUndeclaredColumns` (run by a test over the
 * schema and over the live database) refuses anything that slipped past the compiler.
 */
import { type BuildExtraConfigColumns, getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { type PgColumnBuilderBase, type PgTableExtraConfigValue, pgTable } from 'drizzle-orm/pg-core';

/** Text shown to people, in both languages of the app. */
export interface Label {
  zh: string;
  en: string;
}

/** The fixed taxonomy of personal-information categories, with labels for the inventory. */
export const CATEGORIES = {
  'account.identifier': { zh: '账号标识', en: 'Account identifier' },
  'credential.password': { zh: '密码（哈希）', en: 'Password (hash)' },
  'credential.session': { zh: '登录会话', en: 'Sign-in session' },
  'contact.phone': { zh: '手机号码', en: 'Mobile phone number' },
  'contact.email': { zh: '电子邮箱', en: 'Email address' },
  'contact.address': { zh: '通信地址', en: 'Mailing address' },
  'profile.name': { zh: '姓名', en: 'Name' },
  'profile.nickname': { zh: '昵称', en: 'Nickname' },
  'profile.avatar': { zh: '头像', en: 'Avatar' },
  'profile.gender': { zh: '性别', en: 'Gender' },
  'profile.birthday': { zh: '生日', en: 'Birthday' },
  'profile.bio': { zh: '个人简介', en: 'Biography' },
  'profile.tags': { zh: '用户标签', en: 'User tags' },
  'behaviour.search': { zh: '搜索记录', en: 'Search queries' },
  'behaviour.browsing': { zh: '浏览记录', en: 'Browsing records' },
  'behaviour.click': { zh: '点击记录', en: 'Click records' },
  'behaviour.favourite': { zh: '收藏记录', en: 'Favourites' },
  'behaviour.follow': { zh: '关注信息', en: 'Follows' },
  'content.user-generated': { zh: '用户发布的内容', en: 'User-generated content' },
  'device.identifier': { zh: '设备标识符', en: 'Device identifier' },
  'device.info': { zh: '设备信息', en: 'Device information' },
  'network.ip': { zh: 'IP 地址', en: 'IP address' },
  'location.region': { zh: '所在地区（省市）', en: 'Region (province, city)' },
  'location.precise': { zh: '精确位置', en: 'Precise location' },
  'consent.record': { zh: '同意记录', en: 'Consent record' },
  'staff.identity': { zh: '工作人员身份', en: 'Staff identity' },
  'security.counter': { zh: '安全计数（假名化）', en: 'Security counter (pseudonymised)' },
  'notice.record': { zh: '通知记录', en: 'Notice record' },
} as const;
export type Category = keyof typeof CATEGORIES;

/**
 * Purposes: the consent purposes of the API contract, then operational purposes that rest on
 * another legal basis than consent (contract, legal obligation, employment).
 */
export const PURPOSES = {
  account: { zh: '账号注册与登录', en: 'Account registration and sign-in' },
  personalization: { zh: '个性化推荐', en: 'Personalised recommendations' },
  'personalized-ads': { zh: '个性化广告', en: 'Personalised advertising' },
  location: { zh: '基于位置的信息展示与推送', en: 'Location-based information' },
  notifications: { zh: '消息推送', en: 'Notifications' },
  calendar: { zh: '会议日历提醒', en: 'Conference calendar reminders' },
  analytics: { zh: '使用统计与分析', en: 'Usage analytics' },
  'third-party-login': { zh: '第三方账号登录', en: 'Third-party sign-in' },
  conference: { zh: '会议活动报名', en: 'Conference registration' },
  'member-features': {
    zh: '会员请求的功能（收藏、关注、浏览记录）',
    en: 'Features the member asks for (favourites, follows, history)',
  },
  'child-data': {
    zh: '处理不满十四周岁儿童的个人信息',
    en: 'Processing the personal information of a child under 14',
  },
  security: { zh: '安全保障与风险控制', en: 'Security and risk control' },
  'legal-compliance': { zh: '履行法定义务', en: 'Legal obligations' },
  'staff-administration': { zh: '工作人员管理', en: 'Staff administration' },
} as const;
export type Purpose = keyof typeof PURPOSES;

/** Legal bases of PIPL art. 13. */
export const LEGAL_BASES = {
  consent: { zh: '个人同意（第13条第1项）', en: 'Consent (art. 13(1))' },
  contract: { zh: '订立、履行合同所必需（第13条第2项）', en: 'Necessary for a contract (art. 13(2))' },
  employment: { zh: '人力资源管理所必需（第13条第2项）', en: 'Human-resources management (art. 13(2))' },
  'legal-obligation': {
    zh: '履行法定职责或义务（第13条第3项）',
    en: 'Legal duty or obligation (art. 13(3))',
  },
} as const;
export type LegalBasis = keyof typeof LEGAL_BASES;

/** How long a value is kept: for the life of the account, or a number of days after an event. */
export type Retention =
  | { kind: 'account-lifetime' }
  | { kind: 'days'; days: number; after: 'created' | 'last-activity' | 'account-closed' | 'withdrawn' };

export type Erasure =
  | { action: 'delete' }
  | { action: 'anonymise' }
  | { action: 'keep-legal-hold'; reason: Label };

export interface PersonalDeclaration {
  personal: true;
  category: Category;
  purposes: readonly Purpose[];
  legalBasis: LegalBasis;
  sensitive: boolean;
  retention: Retention;
  erasure: Erasure;
  /**
   * The column holds ciphertext from the keyring (field-crypto.ts) with this context; key rotation
   * re-encrypts every such column, and export decrypts it.
   */
  encrypted?: string;
  /** One short sentence for the inventory when the category alone does not say enough. */
  note?: string;
}
export interface NotPersonalDeclaration {
  personal: false;
  /** Why the column holds no personal information, when that is not obvious. */
  note?: string;
}
export type ColumnDeclaration = PersonalDeclaration | NotPersonalDeclaration;

export const notPersonal = (note?: string): NotPersonalDeclaration => ({ personal: false, note });
export const personal = (d: Omit<PersonalDeclaration, 'personal'>): PersonalDeclaration => {
  if (d.purposes.length === 0) throw new Error(`personal(${d.category}): at least one purpose is required`);
  return { personal: true, ...d };
};

const AFTER: Record<Extract<Retention, { kind: 'days' }>['after'], Label> = {
  created: { zh: '创建', en: 'creation' },
  'last-activity': { zh: '最后一次活动', en: 'the last activity' },
  'account-closed': { zh: '账号注销', en: 'the account is closed' },
  withdrawn: { zh: '撤回同意', en: 'consent is withdrawn' },
};

export function retentionLabel(r: Retention): Label {
  if (r.kind === 'account-lifetime') return { zh: '账号存续期间', en: 'While the account exists' };
  return { zh: `${AFTER[r.after].zh}后 ${r.days} 天`, en: `${r.days} days after ${AFTER[r.after].en}` };
}

export function erasureLabel(e: Erasure): Label {
  if (e.action === 'delete') return { zh: '删除', en: 'Delete' };
  if (e.action === 'anonymise') return { zh: '匿名化', en: 'Anonymise' };
  return { zh: `依法保留：${e.reason.zh}`, en: `Keep (legal hold): ${e.reason.en}` };
}

export const RETAIN = {
  accountLifetime: { kind: 'account-lifetime' } as Retention,
  days: (days: number, after: Extract<Retention, { kind: 'days' }>['after']): Retention => ({
    kind: 'days',
    days,
    after,
  }),
};

export interface TableDeclaration {
  /** The column (by property name) that ties a row to its data subject, if rows belong to one. */
  subject?: string;
  /** Whose rows these are: a member of the app (the default) or a console staff account. */
  subjectKind?: 'member' | 'staff';
  /**
   * Rows are never changed or deleted one by one (a hash-chained ledger): the retention sweep
   * reports the table's rules instead of applying them, with this reason.
   */
  appendOnly?: string;
  columns: Record<string, ColumnDeclaration>;
  /**
   * The column (by property name) that starts each retention clock a `days` rule of this table
   * counts from. Left out, `created` counts from `createdAt` and `last-activity` from `lastSeenAt`;
   * `account-closed` counts from the erasure receipt of the account (modules/erasure/retention.ts).
   */
  retentionClock?: Partial<Record<RetentionAfter, string>>;
}

export type RetentionAfter = Extract<Retention, { kind: 'days' }>['after'];

const registry = new Map<Table, TableDeclaration>();

/**
 * `pgTable` with a personal-data declaration for every column. `subject` names the column linking
 * a row to the person it is about (a user id); it lets the privacy engine find a person's rows.
 */
export function ccmTable<TName extends string, TColumns extends Record<string, PgColumnBuilderBase>>(
  name: TName,
  columns: TColumns,
  declare: {
    subject?: keyof TColumns & string;
    subjectKind?: 'member' | 'staff';
    appendOnly?: string;
    columns: { [K in keyof TColumns]: ColumnDeclaration };
    retentionClock?: Partial<Record<RetentionAfter, keyof TColumns & string>>;
  },
  extraConfig?: (self: BuildExtraConfigColumns<TName, TColumns, 'pg'>) => PgTableExtraConfigValue[],
) {
  const table = pgTable(name, columns, extraConfig);
  registry.set(table, declare as TableDeclaration);
  return table;
}

export function declarationOf(table: Table): TableDeclaration | undefined {
  return registry.get(table);
}

export interface UndeclaredColumn {
  table: string;
  column: string;
}

/** Columns of the given tables that carry no declaration (property names and SQL names). */
export function findUndeclaredColumns(tables: Table[]): UndeclaredColumn[] {
  const missing: UndeclaredColumn[] = [];
  for (const table of tables) {
    const declared = registry.get(table)?.columns ?? {};
    for (const [key, column] of Object.entries(getTableColumns(table))) {
      if (!declared[key]) missing.push({ table: getTableName(table), column: column.name });
    }
  }
  return missing;
}

/** Every declared column as flat rows, keyed by SQL table and column names. */
export function inventoryRows(tables: Table[]) {
  return tables.flatMap((table) => {
    const decl = registry.get(table);
    return Object.entries(getTableColumns(table)).map(([key, column]) => ({
      table: getTableName(table),
      column: column.name,
      subject: decl?.subject === key,
      declaration: decl?.columns[key],
    }));
  });
}
