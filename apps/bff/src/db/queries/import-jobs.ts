/** Import jobs, their rejected rows and the sync folder's file ledger. */
import { and, count, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { importJobs, importRejects, importSyncFiles } from '../schema';
import { queryRows } from '../sql';

export type ImportJobRow = typeof importJobs.$inferSelect;
export type ImportRejectRow = typeof importRejects.$inferSelect;

export async function insertJob(
  db: Db,
  job: { source: string; createdBy: string | null; bytesTotal: number; files: unknown[] },
): Promise<ImportJobRow> {
  const [row] = await db
    .insert(importJobs)
    .values({ ...job, status: 'queued', phase: 'waiting' })
    .returning();
  if (!row) throw new Error('insert import job returned nothing');
  return row;
}

export async function updateJob(db: Db, id: number, patch: Partial<ImportJobRow>): Promise<void> {
  await db
    .update(importJobs)
    .set({ ...patch, heartbeatAt: sql`now()` as unknown as string })
    .where(eq(importJobs.id, id));
}

/** Adds to the progress counters (bytes and rows read so far) and beats the heart. */
export async function addJobProgress(db: Db, id: number, bytes: number, rows: number): Promise<void> {
  await db
    .update(importJobs)
    .set({
      bytesRead: sql`${importJobs.bytesRead} + ${bytes}`,
      rowsRead: sql`${importJobs.rowsRead} + ${rows}`,
      heartbeatAt: sql`now()`,
    })
    .where(eq(importJobs.id, id));
}

export async function getJob(db: Db, id: number): Promise<ImportJobRow | undefined> {
  const [row] = await db.select().from(importJobs).where(eq(importJobs.id, id));
  return row;
}

export async function listJobs(db: Db, limit: number, offset: number) {
  const [total] = await db.select({ n: count() }).from(importJobs);
  const jobs = await db.select().from(importJobs).orderBy(desc(importJobs.id)).limit(limit).offset(offset);
  return { total: Number(total?.n ?? 0), jobs };
}

export async function listRecentSucceededJobs(db: Db, limit: number): Promise<ImportJobRow[]> {
  return db
    .select()
    .from(importJobs)
    .where(eq(importJobs.status, 'succeeded'))
    .orderBy(desc(importJobs.id))
    .limit(limit);
}

/**
 * Called while holding the import lock: no job can be running, so any job still marked running belongs to a
 * process that died. Queued jobs are only failed when their owner stopped beating for `staleSeconds`.
 */
export async function interruptDeadJobs(db: Db, staleSeconds: number, except: number): Promise<number[]> {
  const running = await db
    .update(importJobs)
    .set({
      status: 'interrupted',
      phase: null,
      finishedAt: sql`now()`,
      error: 'the import stopped before it finished (the process ended); nothing of it was merged',
    })
    .where(and(eq(importJobs.status, 'running'), ne(importJobs.id, except)))
    .returning({ id: importJobs.id });
  const queued = await db
    .update(importJobs)
    .set({
      status: 'interrupted',
      phase: null,
      finishedAt: sql`now()`,
      error: 'the server stopped before this import ran; upload the files again',
    })
    .where(
      and(
        eq(importJobs.status, 'queued'),
        ne(importJobs.id, except),
        lt(importJobs.heartbeatAt, sql`now() - make_interval(secs => ${staleSeconds})`),
      ),
    )
    .returning({ id: importJobs.id });
  return [...running, ...queued].map((r) => r.id);
}

/** The jobs waiting in this process are alive: beat their hearts. */
export async function beatJobs(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(importJobs)
    .set({ heartbeatAt: sql`now()` })
    .where(and(inArray(importJobs.id, ids), eq(importJobs.status, 'queued')));
}

export async function countRejects(db: Db, jobId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(importRejects).where(eq(importRejects.jobId, jobId));
  return Number(row?.n ?? 0);
}

export async function rejectsByReason(db: Db, jobId: number): Promise<Record<string, number>> {
  const rows = await queryRows<{ reason: string; n: string }>(
    db,
    sql`select reason, count(*) as n from import_rejects where job_id = ${jobId} group by reason`,
  );
  return Object.fromEntries(rows.map((r) => [r.reason, Number(r.n)]));
}

export async function rejectsByEntity(db: Db, jobId: number): Promise<Record<string, number>> {
  const rows = await queryRows<{ entity: string | null; n: string }>(
    db,
    sql`select entity, count(*) as n from import_rejects where job_id = ${jobId} group by entity`,
  );
  return Object.fromEntries(rows.map((r) => [r.entity ?? '', Number(r.n)]));
}

/** Rejected rows in file and line order. */
export async function listRejects(db: Db, jobId: number, limit: number, offset: number) {
  return db
    .select()
    .from(importRejects)
    .where(eq(importRejects.jobId, jobId))
    .orderBy(importRejects.file, importRejects.line, importRejects.id)
    .limit(limit)
    .offset(offset);
}

export type RejectCursor = { file: string; line: number; id: number };

/** Rejected rows after `cursor` in file and line order (keyset paging, for streaming a download). */
export async function rejectsAfter(db: Db, jobId: number, cursor: RejectCursor | null, limit: number) {
  const after = cursor
    ? sql`(${importRejects.file}, ${importRejects.line}, ${importRejects.id}) > (${cursor.file}, ${cursor.line}, ${cursor.id})`
    : sql`true`;
  return db
    .select()
    .from(importRejects)
    .where(and(eq(importRejects.jobId, jobId), after))
    .orderBy(importRejects.file, importRejects.line, importRejects.id)
    .limit(limit);
}

export type SyncFileRow = typeof importSyncFiles.$inferSelect;

export async function listSyncFiles(db: Db, paths: string[]): Promise<SyncFileRow[]> {
  if (paths.length === 0) return [];
  return db.select().from(importSyncFiles).where(inArray(importSyncFiles.path, paths));
}

export async function recordSyncFiles(
  db: Db,
  jobId: number,
  files: { path: string; size: number; mtimeMs: number }[],
): Promise<void> {
  for (const f of files)
    await db
      .insert(importSyncFiles)
      .values({ ...f, jobId })
      .onConflictDoUpdate({
        target: importSyncFiles.path,
        set: { size: f.size, mtimeMs: f.mtimeMs, jobId, importedAt: sql`now()` },
      });
}

export async function lastJobOfSource(db: Db, source: string): Promise<ImportJobRow | undefined> {
  const [row] = await db
    .select()
    .from(importJobs)
    .where(eq(importJobs.source, source))
    .orderBy(desc(importJobs.id))
    .limit(1);
  return row;
}
