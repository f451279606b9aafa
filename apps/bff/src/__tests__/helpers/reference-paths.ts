/**
 * An independent, deliberately naive computation of behaviour paths from raw event rows: sessions of the scope,
 * their conversions, and per step the sessions at each (collapsed) event, ending there, or moving on.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';

export type RawEvent = {
  id: string;
  sessionId: string;
  storeId: string | null;
  eventType: string;
  /** Epoch milliseconds. */
  at: number;
  day: string;
};

export async function readRawEvents(db: Db): Promise<RawEvent[]> {
  const rows = await queryRows<{
    id: string;
    session_id: string;
    store_id: string | null;
    event_type: string;
    ms: string;
    day: string;
  }>(
    db,
    sql`select id, session_id, store_id, event_type, (extract(epoch from occurred_at) * 1000)::bigint::text as ms,
               day::text as day
        from events`,
  );
  return rows.map((r) => ({
    id: r.id,
    sessionId: r.session_id,
    storeId: r.store_id,
    eventType: r.event_type,
    at: Number(r.ms),
    day: r.day,
  }));
}

export type ReferenceSession = { day: string; storeId: string | null; steps: string[]; converted: boolean };

/** Every session: first event's day, first store named, steps with repeats in a row collapsed, paid or not. */
export function referenceSessions(events: RawEvent[]): ReferenceSession[] {
  const bySession = new Map<string, RawEvent[]>();
  for (const e of events) bySession.set(e.sessionId, [...(bySession.get(e.sessionId) ?? []), e]);
  return [...bySession.values()].map((list) => {
    const sorted = [...list].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const steps: string[] = [];
    for (const e of sorted) if (steps[steps.length - 1] !== e.eventType) steps.push(e.eventType);
    return {
      day: sorted[0]?.day ?? '',
      storeId: sorted.find((e) => e.storeId !== null)?.storeId ?? null,
      steps,
      converted: sorted.some((e) => e.eventType === 'pay'),
    };
  });
}

export function referencePaths(
  sessions: ReferenceSession[],
  stores: Set<string> | null,
  from: string,
  to: string,
  steps: number,
) {
  const inScope = sessions.filter(
    (s) => s.day >= from && s.day <= to && (stores === null || (s.storeId !== null && stores.has(s.storeId))),
  );
  /** atStep[k][event] = sessions whose step k+1 is `event`; ended[k] = sessions with exactly k steps (k < N). */
  const atStep = Array.from({ length: steps }, () => new Map<string, number>());
  const ended = new Array<number>(steps).fill(0);
  const moves = new Map<string, number>();
  for (const s of inScope) {
    const drawn = s.steps.slice(0, steps);
    drawn.forEach((event, k) => atStep[k]?.set(event, (atStep[k]?.get(event) ?? 0) + 1));
    if (drawn.length < steps) ended[drawn.length] = (ended[drawn.length] ?? 0) + 1;
    for (let k = 0; k + 1 < drawn.length; k++) {
      const key = `${k + 1}:event:${drawn[k]} > ${k + 2}:event:${drawn[k + 1]}`;
      moves.set(key, (moves.get(key) ?? 0) + 1);
    }
  }
  return {
    sessions: inScope.length,
    converted: inScope.filter((s) => s.converted).length,
    atStep,
    ended,
    moves,
  };
}
