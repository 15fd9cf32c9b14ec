/**
 * Member accounts. The foundation holds what the demo and the scale generator need; the accounts
 * capability adds phone, credentials, profile and sessions through migrations.
 */
import { bigint, text, timestamp } from 'drizzle-orm/pg-core';
import { ccmTable, notPersonal, personal, RETAIN } from '../../platform/personal-data.ts';

export const USER_STATUSES = ['active', 'cancelled'] as const;

export const users = ccmTable(
  'users',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    nickname: text('nickname'),
    status: text('status', { enum: USER_STATUSES }).notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  {
    subject: 'id',
    columns: {
      id: personal({
        category: 'account.identifier',
        purposes: ['account'],
        legalBasis: 'contract',
        sensitive: false,
        retention: RETAIN.accountLifetime,
        erasure: {
          action: 'keep-legal-hold',
          reason: {
            zh: '仅保留无意义的编号作为注销标记，使关联记录可解析；其余字段全部删除或匿名化',
            en: 'only the bare number stays as a tombstone so references resolve; every other field is erased',
          },
        },
      }),
      nickname: personal({
        category: 'profile.nickname',
        purposes: ['account'],
        legalBasis: 'contract',
        sensitive: false,
        retention: RETAIN.accountLifetime,
        erasure: { action: 'anonymise' },
      }),
      status: notPersonal(),
      createdAt: notPersonal(),
      updatedAt: notPersonal(),
    },
  },
);
