/**
 * Behaviour paths on hand-written sessions, over HTTP: repeats collapse, early ends flow into exit nodes, a
 * session counts on the day and at the store of its first event, and converts when it pays anywhere.
 */
import type { Paths, TopPaths } from '@portrait/shared/paths';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadFixtureChain } from '../../../__tests__/helpers/fixture-chain';
import { loadFixtureSessions, type FixtureSession } from '../../../__tests__/helpers/fixture-events';
import { getData, getJson, startTestServer, type TestServer } from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

const sessions: FixtureSession[] = [
  {
    // Collapses to app_open, view_menu, view_product, add_to_cart, checkout, pay: pays at step 6.
    id: 's1',
    customerId: 'c1',
    events: [
      ['2025-03-02 12:00', 'app_open', 'G1'],
      ['2025-03-02 12:01', 'view_menu', 'G1'],
      ['2025-03-02 12:02', 'view_menu', 'G1'],
      ['2025-03-02 12:03', 'view_product', 'G1'],
      ['2025-03-02 12:04', 'view_product', 'G1'],
      ['2025-03-02 12:05', 'add_to_cart', 'G1'],
      ['2025-03-02 12:06', 'checkout', 'G1'],
      ['2025-03-02 12:07', 'pay', 'G1'],
    ],
  },
  {
    id: 's2',
    customerId: 'c2',
    events: [
      ['2025-03-03 09:00', 'app_open', 'G2'],
      ['2025-03-03 09:01', 'view_menu', 'G2'],
    ],
  },
  { id: 's3', customerId: 'c3', events: [['2025-03-04 18:00', 'app_open', 'H1']] },
  {
    // Goes back and forth; never pays.
    id: 's4',
    customerId: 'c1',
    events: [
      ['2025-03-05 20:00', 'app_open', 'Z1'],
      ['2025-03-05 20:01', 'view_product', 'Z1'],
      ['2025-03-05 20:02', 'add_to_cart', 'Z1'],
      ['2025-03-05 20:03', 'view_product', 'Z1'],
      ['2025-03-05 20:04', 'add_to_cart', 'Z1'],
      ['2025-03-05 20:05', 'checkout', 'Z1'],
    ],
  },
  {
    // Starts on 03-10 and pays after midnight: counts on 03-10, and converts.
    id: 's5',
    customerId: 'c2',
    events: [
      ['2025-03-10 23:58', 'app_open', 'G1'],
      ['2025-03-10 23:59', 'view_menu', 'G1'],
      ['2025-03-11 00:01', 'view_product', 'G1'],
      ['2025-03-11 00:02', 'add_to_cart', 'G1'],
      ['2025-03-11 00:03', 'checkout', 'G1'],
      ['2025-03-11 00:04', 'pay', 'G1'],
    ],
  },
  { id: 's6', customerId: 'c3', events: [['2025-03-11 10:00', 'app_open', 'H1']] }, // after the range
  {
    // Its first event names no store: it counts at G1, the store of its first event that names one.
    id: 's7',
    customerId: 'c1',
    events: [
      ['2025-03-06 08:00', 'app_open', null],
      ['2025-03-06 08:01', 'view_menu', 'G1'],
    ],
  },
  {
    // No store at all: counts for the whole chain only. Pays at step 3.
    id: 's8',
    customerId: 'c2',
    events: [
      ['2025-03-07 13:00', 'app_open', null],
      ['2025-03-07 13:01', 'view_product', null],
      ['2025-03-07 13:02', 'pay', null],
    ],
  },
  { id: 's9', customerId: 'c1', events: [['2025-02-28 23:59', 'app_open', 'G1']] }, // before the range
];

const RANGE = 'from=2025-03-01&to=2025-03-10';

const nodeSessions = (p: Paths) => Object.fromEntries(p.nodes.map((n) => [n.id, n.sessions]));
const linkSessions = (p: Paths) =>
  Object.fromEntries(p.links.map((l) => [`${l.source} > ${l.target}`, l.sessions]));

describe.each(databaseKinds())('Behaviour paths on hand-written sessions (%s)', (kind) => {
  let server: TestServer;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const database = await openTestDatabase(kind);
    dispose = database.dispose;
    await loadFixtureChain(database, {
      cities: [
        { name: '广州', province: '广东省' },
        { name: '深圳', province: '广东省' },
        { name: '杭州', province: '浙江省' },
      ],
      stores: [
        { id: 'G1', name: '广州天河店', city: '广州' },
        { id: 'G2', name: '广州北京路店', city: '广州' },
        { id: 'H1', name: '杭州西湖店', city: '杭州' },
        { id: 'Z1', name: '深圳福田店', city: '深圳' },
      ],
      products: [],
      orders: [
        {
          id: 'o1',
          customerId: 'c1',
          storeId: 'G1',
          at: '2025-03-02 12:07',
          amount: 20,
          channel: 'mini_program',
        },
      ],
    });
    await loadFixtureSessions(database, sessions);
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server?.stop();
    await dispose?.();
  });

  it('When five steps are drawn for the whole chain, Then nodes and links are the ones worked out by hand', async () => {
    const paths = await getData<Paths>(server.api, `/api/v1/portrait/paths?${RANGE}`);
    // In range: s1, s2, s3, s4, s5, s7, s8. Converted: s1 and s5 (pay at step 6), s8 (step 3).
    expect(paths).toMatchObject({ steps: 5, sessions: 7, converted: 3 });
    expect(nodeSessions(paths)).toEqual({
      '1:event:app_open': 7,
      '2:event:view_menu': 4, // s1, s2, s5, s7
      '2:event:view_product': 2, // s4, s8
      '2:exit': 1, // s3
      '3:event:view_product': 2, // s1, s5 (s1's two view_menu are one step)
      '3:event:add_to_cart': 1, // s4
      '3:event:pay': 1, // s8
      '3:exit': 2, // s2, s7
      '4:event:add_to_cart': 2,
      '4:event:view_product': 1,
      '4:exit': 1, // s8 ended after paying
      '5:event:checkout': 2,
      '5:event:add_to_cart': 1,
    });
    expect(linkSessions(paths)).toEqual({
      '1:event:app_open > 2:event:view_menu': 4,
      '1:event:app_open > 2:event:view_product': 2,
      '1:event:app_open > 2:exit': 1,
      '2:event:view_menu > 3:event:view_product': 2,
      '2:event:view_menu > 3:exit': 2,
      '2:event:view_product > 3:event:add_to_cart': 1,
      '2:event:view_product > 3:event:pay': 1,
      '3:event:view_product > 4:event:add_to_cart': 2,
      '3:event:add_to_cart > 4:event:view_product': 1,
      '3:event:pay > 4:exit': 1,
      '4:event:add_to_cart > 5:event:checkout': 2,
      '4:event:view_product > 5:event:add_to_cart': 1,
    });
    expect(paths.nodes.find((n) => n.id === '2:exit')).toMatchObject({
      step: 2,
      kind: 'exit',
      event: 'exit',
    });
  });

  it('When fewer steps are drawn, Then sessions and conversions stay the same (payment anywhere counts)', async () => {
    const three = await getData<Paths>(server.api, `/api/v1/portrait/paths?${RANGE}&steps=3`);
    expect(three).toMatchObject({ steps: 3, sessions: 7, converted: 3 });
    expect(Math.max(...three.nodes.map((n) => n.step))).toBe(3);
    const eight = await getData<Paths>(server.api, `/api/v1/portrait/paths?${RANGE}&steps=8`);
    expect(eight).toMatchObject({ steps: 8, sessions: 7, converted: 3 });
    expect(nodeSessions(eight)['6:event:pay']).toBe(2); // s1 and s5
  });

  it('When the scope is a store or a city, Then sessions count at the store of their first event that names one', async () => {
    const g1 = await getData<Paths>(server.api, `/api/v1/portrait/paths?${RANGE}&store=G1`);
    expect(g1).toMatchObject({ sessions: 3, converted: 2 }); // s1, s5, s7
    const guangzhou = await getData<Paths>(server.api, `/api/v1/portrait/paths?${RANGE}&city=广州`);
    expect(guangzhou).toMatchObject({ sessions: 4, converted: 2 }); // + s2
    const manager = await getData<Paths>(await server.as('manager'), `/api/v1/portrait/paths?${RANGE}`);
    expect(manager).toMatchObject({ sessions: 4, converted: 2 }); // G1 and G2; s8 has no store
    const none = await getData<Paths>(server.api, `/api/v1/portrait/paths?from=2024-01-01&to=2024-01-31`);
    expect(none).toEqual({ steps: 5, sessions: 0, converted: 0, nodes: [], links: [] });
  });

  it('When a node is opened, Then the top complete paths through it are listed, most followed first', async () => {
    const top = await getData<TopPaths>(
      server.api,
      `/api/v1/portrait/paths/top?${RANGE}&node=${encodeURIComponent('2:event:view_menu')}`,
    );
    expect(top.node).toMatchObject({ id: '2:event:view_menu', sessions: 4 });
    expect(top).toMatchObject({ sessions: 4, distinctPaths: 2 });
    expect(top.paths.map((p) => [p.nodes.map((n) => n.id).join(' > '), p.sessions, p.converted])).toEqual([
      [
        '1:event:app_open > 2:event:view_menu > 3:event:view_product > 4:event:add_to_cart > 5:event:checkout',
        2,
        2,
      ],
      ['1:event:app_open > 2:event:view_menu > 3:exit', 2, 0],
    ]);
    const exit = await getData<TopPaths>(
      server.api,
      `/api/v1/portrait/paths/top?${RANGE}&node=2:exit&limit=1`,
    );
    expect(exit.paths).toHaveLength(1);
    expect(exit.paths[0]?.nodes.map((n) => n.id)).toEqual(['1:event:app_open', '2:exit']);
  });

  it('When the request is wrong, Then the answer is 400 with a message saying what', async () => {
    const cases: [string, RegExp][] = [
      [`/paths?${RANGE}&steps=2`, /steps must be at least 3/],
      [`/paths?${RANGE}&steps=9`, /steps must be at most 8/],
      [`/paths?${RANGE}&steps=abc`, /steps must be a whole number from 3 to 8/],
      [`/paths?${RANGE}&steps=4.5`, /steps must be a whole number from 3 to 8/],
      [`/paths?steps=5`, /from is required/],
      [`/paths/top?${RANGE}`, /node is required/],
      [`/paths/top?${RANGE}&node=9:event:nothing`, /node 9:event:nothing is not in the paths of this scope/],
      [`/paths/top?${RANGE}&node=2:exit&limit=0`, /limit must be at least 1/],
    ];
    for (const [path, message] of cases) {
      const res = await getJson(server.api, `/api/v1/portrait${path}`);
      expect(res.status, path).toBe(400);
      expect(res.body.error?.message, path).toMatch(message);
    }
  });
});
