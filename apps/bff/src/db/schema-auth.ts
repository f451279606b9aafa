/** Accounts, server-side sessions and the audit log (PRODUCT §5). */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

const instant = () => timestamp({ withTimezone: true, mode: 'string' });

export const users = pgTable('users', {
  id: serial().primaryKey(),
  username: text().notNull().unique(),
  displayName: text(),
  passwordHash: text().notNull(),
  role: text().notNull(),
  disabled: boolean().notNull().default(false),
  /** Consecutive failed logins; reset by a successful one. */
  failedLogins: integer().notNull().default(0),
  lockedUntil: instant(),
  lastLoginAt: instant(),
  createdAt: instant().notNull().defaultNow(),
  updatedAt: instant().notNull().defaultNow(),
});

export const userStores = pgTable(
  'user_stores',
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    storeId: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.storeId] })],
);

/** Sessions live in the database so that several BFF processes share them. Only a hash of the token is kept. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text().notNull(),
    createdAt: instant().notNull().defaultNow(),
    lastSeenAt: instant().notNull().defaultNow(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Append-only: the API has no route that updates or deletes it. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: instant()
      .notNull()
      .default(sql`now()`),
    userId: integer(),
    username: text(),
    role: text(),
    ip: text(),
    action: text().notNull(),
    target: text(),
    detail: jsonb(),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action, t.at)],
);

/**
 * Failed-login counts per client address (express-rate-limit's window), kept here rather than in process memory so
 * the limit holds across every BFF process behind a load balancer.
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text().primaryKey(),
  hits: integer().notNull(),
  resetAt: instant().notNull(),
});
