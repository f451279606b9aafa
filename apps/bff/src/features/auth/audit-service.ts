import type { AuditAction } from '@portrait/shared/auth';
import type { Db } from '../../db/client';
import { insertAudit } from '../../db/queries/audit';
import type { Viewer } from './viewer';

/** Writes one audit row: who, when (the database clock), from where, what. */
export async function audit(
  db: Db,
  who: Viewer | { username: string | null; ip: string | null },
  action: AuditAction,
  target: string | null,
  detail: Record<string, unknown> | null = null,
): Promise<void> {
  const isViewer = 'user' in who;
  await insertAudit(db, {
    userId: isViewer ? who.user.id : null,
    username: isViewer ? who.user.username : who.username,
    role: isViewer ? who.user.role : null,
    ip: who.ip,
    action,
    target,
    detail,
  });
}
