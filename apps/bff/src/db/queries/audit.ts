import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { auditLog } from '../schema';

export type AuditRow = {
  userId: number | null;
  username: string | null;
  role: string | null;
  ip: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown> | null;
};

export async function insertAudit(db: Db, row: AuditRow): Promise<void> {
  await db.insert(auditLog).values(row);
}

export type AuditFilter = {
  action?: string | undefined;
  username?: string | undefined;
  /** Inclusive Asia/Shanghai days. */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
};

export async function listAudit(db: Db, f: AuditFilter) {
  const where: SQL[] = [];
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.username) where.push(eq(auditLog.username, f.username));
  if (f.from) where.push(gte(auditLog.at, `${f.from}T00:00:00+08:00`));
  if (f.to) where.push(lt(auditLog.at, nextDayStart(f.to)));
  const condition = where.length > 0 ? and(...where) : undefined;
  const [total] = await db.select({ n: count() }).from(auditLog).where(condition);
  const entries = await db
    .select()
    .from(auditLog)
    .where(condition)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(f.limit)
    .offset(f.offset);
  return { total: Number(total?.n ?? 0), entries };
}

function nextDayStart(day: string): string {
  const d = new Date(`${day}T00:00:00+08:00`);
  return new Date(d.getTime() + 86_400_000).toISOString();
}
