/**
 * Behaviour paths for many scopes of the small demo chain against an independent computation over raw events,
 * with flow conservation at every step, and the invariants that make them agree across scopes.
 */
import { addDays } from '@portrait/shared/dates';
import type { Paths } from '@portrait/shared/paths';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../demo/load-demo';

import { getData, startTestServer, type TestServer } from '../../../__tests__/helpers/http';
import { readStoreCities } from '../../../__tests__/helpers/raw-data';
import {
  readRawEvents,
  referencePaths,
  referenceSessions,
  type ReferenceSession,
} from '../../../__tests__/helpers/reference-paths';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

const END = '2025-06-30';

type TestScope = {
  label: string;
  from: string;
  to: string;
  cities: string[];
  stores: string[];
  steps: number;
};

function query(s: TestScope): string {
  const p = new URLSearchParams({ from: s.from, to: s.to, steps: String(s.steps) });
  s.cities.forEach((c) => p.append('city', c));
  s.stores.forEach((id) => p.append('store', id));
  return p.toString();
}

function scopesFor(storeCities: { id: string; city: string }[]): TestScope[] {
  const cities = [...new Set(storeCities.map((s) => s.city))];
  const ids = storeCities.map((s) => s.id);
  const scopes: TestScope[] = [];
  for (const [days, steps] of [
    [1, 5],
    [7, 3],
    [30, 5],
    [90, 8],
    [365, 6],
  ] as const)
    scopes.push({
      label: `chain ${days}d ${steps} steps`,
      from: addDays(END, 1 - days),
      to: END,
      cities: [],
      stores: [],
      steps,
    });
  for (const city of cities)
    for (const steps of [3, 5, 8])
      scopes.push({
        label: `city ${city} 90d ${steps}`,
        from: addDays(END, -89),
        to: END,
        cities: [city],
        stores: [],
        steps,
      });
  for (const id of ids)
    scopes.push({
      label: `store ${id} 30d`,
      from: addDays(END, -29),
      to: END,
      cities: [],
      stores: [id],
      steps: 5,
    });
  scopes.push({
    label: 'stores custom',
    from: '2025-01-15',
    to: '2025-04-02',
    cities: [],
    stores: ids.slice(2, 5),
    steps: 7,
  });
  scopes.push({
    label: 'before the data',
    from: '2020-01-01',
    to: '2020-01-31',
    cities: [],
    stores: [],
    steps: 5,
  });
  return scopes;
}

/** Sessions leaving step k = those entering step k + 1 plus those exiting after k; step 1 holds every session. */
function expectFlowConserved(paths: Paths, label: string) {
  const stepOf = new Map(paths.nodes.map((n) => [n.id, n]));
  const sum = (xs: { sessions: number }[]) => xs.reduce((s, x) => s + x.sessions, 0);
  expect(sum(paths.nodes.filter((n) => n.step === 1)), label).toBe(paths.sessions);
  for (let k = 1; k < paths.steps; k++) {
    const leaving = sum(paths.links.filter((l) => stepOf.get(l.source)?.step === k));
    const next = paths.nodes.filter((n) => n.step === k + 1);
    const entering = sum(next.filter((n) => n.kind !== 'exit'));
    const exits = sum(next.filter((n) => n.kind === 'exit'));
    expect(leaving, `${label} step ${k}`).toBe(
      sum(paths.nodes.filter((n) => n.step === k && n.kind !== 'exit')),
    );
    expect(leaving, `${label} step ${k}`).toBe(entering + exits);
  }
  for (const l of paths.links) {
    expect(stepOf.get(l.target)?.step, `${label} ${l.source} > ${l.target}`).toBe(
      (stepOf.get(l.source)?.step ?? 0) + 1,
    );
    expect(stepOf.get(l.source)?.kind, `${label} nothing leaves an exit`).not.toBe('exit');
  }
}

describe.each(databaseKinds())('Behaviour paths against an independent computation (%s)', (kind) => {
  let server: TestServer;
  let dispose: () => Promise<void>;
  let sessions: ReferenceSession[];
  let storeCities: { id: string; city: string }[];

  beforeAll(async () => {
    const database = await openTestDatabase(kind);
    dispose = database.dispose;
    await loadDemo(database, { size: 'small', seed: 7, endDate: END });
    sessions = referenceSessions(await readRawEvents(database.db));
    storeCities = await readStoreCities(database.db);
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server?.stop();
    await dispose?.();
  });

  const storesOf = (s: TestScope): Set<string> | null => {
    if (s.stores.length > 0) return new Set(s.stores);
    if (s.cities.length > 0)
      return new Set(storeCities.filter((x) => s.cities.includes(x.city)).map((x) => x.id));
    return null;
  };

  it('When any scope is asked for, Then sessions, conversions, nodes and links equal the reference', async () => {
    expect(sessions.length).toBeGreaterThan(1000);
    for (const s of scopesFor(storeCities)) {
      const paths = await getData<Paths>(server.api, `/api/v1/portrait/paths?${query(s)}`);
      const ref = referencePaths(sessions, storesOf(s), s.from, s.to, s.steps);
      expect(paths.sessions, s.label).toBe(ref.sessions);
      expect(paths.converted, s.label).toBe(ref.converted);
      for (let k = 1; k <= s.steps; k++) {
        const counts = ref.atStep[k - 1] ?? new Map<string, number>();
        const nodes = paths.nodes.filter((n) => n.step === k);
        const named = nodes.filter((n) => n.kind === 'event');
        for (const n of named) expect(n.sessions, `${s.label} ${n.id}`).toBe(counts.get(n.event));
        const rest = [...counts].filter(([event]) => !named.some((n) => n.event === event));
        const other = nodes.find((n) => n.kind === 'other');
        expect(other?.sessions ?? 0, `${s.label} step ${k} other`).toBe(
          rest.reduce((sum, [, c]) => sum + c, 0),
        );
        if (other)
          expect(rest.length, `${s.label} step ${k}: other merges at least two events`).toBeGreaterThan(1);
        const exit = nodes.find((n) => n.kind === 'exit');
        expect(exit?.sessions ?? 0, `${s.label} exits before step ${k}`).toBe(
          k === 1 ? 0 : (ref.ended[k - 1] ?? 0),
        );
      }
      for (const l of paths.links) {
        if (!l.source.includes(':event:') || !l.target.includes(':event:')) continue;
        expect(l.sessions, `${s.label} ${l.source} > ${l.target}`).toBe(
          ref.moves.get(`${l.source} > ${l.target}`),
        );
      }
      expectFlowConserved(paths, s.label);
    }
  });

  it('When scopes are combined, Then a city is the sum of its stores, and split ranges add up', async () => {
    const from = addDays(END, -59);
    for (const city of new Set(storeCities.map((s) => s.city))) {
      const whole = await getData<Paths>(
        server.api,
        `/api/v1/portrait/paths?from=${from}&to=${END}&city=${city}`,
      );
      let sessionsSum = 0;
      let convertedSum = 0;
      for (const store of storeCities.filter((s) => s.city === city)) {
        const one = await getData<Paths>(
          server.api,
          `/api/v1/portrait/paths?from=${from}&to=${END}&store=${store.id}`,
        );
        sessionsSum += one.sessions;
        convertedSum += one.converted;
      }
      expect(whole.sessions, city).toBe(sessionsSum);
      expect(whole.converted, city).toBe(convertedSum);
    }
    const all = await getData<Paths>(server.api, `/api/v1/portrait/paths?from=2025-03-01&to=2025-04-29`);
    const first = await getData<Paths>(server.api, `/api/v1/portrait/paths?from=2025-03-01&to=2025-03-30`);
    const second = await getData<Paths>(server.api, `/api/v1/portrait/paths?from=2025-03-31&to=2025-04-29`);
    expect(first.sessions + second.sessions).toBe(all.sessions);
    expect(first.converted + second.converted).toBe(all.converted);
  });

  it('When the demo chain is drawn, Then its sessions browse, drop off and pay, and `other` stays rare', async () => {
    const paths = await getData<Paths>(
      server.api,
      `/api/v1/portrait/paths?from=${addDays(END, -364)}&to=${END}&steps=8`,
    );
    const share = paths.converted / paths.sessions;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.45);
    expect(paths.nodes.filter((n) => n.kind === 'exit').length).toBeGreaterThanOrEqual(5);
    for (let k = 1; k <= 8; k++)
      expect(paths.nodes.filter((n) => n.step === k).length, `step ${k}`).toBeLessThanOrEqual(8);
  });
});
