/**
 * index.html for a signed-in visitor of the dashboard: it preloads the first requests (exactly the URLs the web app
 * asks for, else the browser fetches twice; the e2e dashboard spec checks that side), and it carries the first view
 * (header, filter bar, KPI cards) with the same figures `GET /portrait/kpis` answers that viewer, in both languages.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_PRESET } from '@portrait/shared/dates';
import { KPI_KEYS, type Kpis } from '@portrait/shared/portrait';
import { kpiFigureText } from '@portrait/web/first-view';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtureChain } from '../../../__tests__/helpers/fixture-chain';
import {
  anonymous,
  getData,
  startTestServer,
  type Client,
  type TestServer,
} from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

// Two cities: the store manager (first city's stores) sees store A only.
const chain = {
  cities: [
    { name: '杭州', province: '浙江省' },
    { name: '上海', province: '上海市' },
  ],
  stores: [
    { id: 'A', name: '杭州西湖店', city: '杭州' },
    { id: 'B', name: '上海徐汇店', city: '上海' },
  ],
  products: [{ id: 'P1', name: '经典热狗', category: '热狗' }],
  orders: [
    { id: 'o1', customerId: 'c1', storeId: 'A', at: '2025-02-20 12:10', amount: 100 },
    { id: 'o2', customerId: 'c1', storeId: 'A', at: '2025-03-10 18:00', amount: 50 },
    { id: 'o3', customerId: 'c2', storeId: 'B', at: '2025-03-05 09:30', amount: 12345.6 },
  ],
};
const KPIS_URL = '/api/v1/portrait/kpis?from=2025-02-09&to=2025-03-10';
const INDEX_HTML =
  '<!doctype html><html><head><link rel="preload" href="/api/v1/auth/me" as="fetch" crossorigin="anonymous" />' +
  '<script type="module" crossorigin src="/assets/index-abc.js"></script></head><body><div id="root"></div></body></html>';

const preloads = (html: string) =>
  [...html.matchAll(/<link rel="preload" href="([^"]+)" as="fetch"/g)].map((m) =>
    m[1]!.replaceAll('&amp;', '&'),
  );

/** The first view's copy in one language: KPI key → [label, figure, change text]. */
function firstViewCards(html: string, lang: string): Record<string, [string, string, string]> {
  const start = html.indexOf(`<div class="first-view" lang="${lang}">`);
  expect(start).toBeGreaterThan(0);
  const end = html.indexOf('<div class="first-view"', start + 1);
  const part = html.slice(start, end > 0 ? end : undefined);
  const cards = [
    ...part.matchAll(
      /data-kpi="(\w+)">.*?<h3 class="kpi-label">([^<]*)<\/h3>.*?<div class="kpi-value">([^<]*)<\/div>.*?<span class="kpi-change-value">(.*?)<\/span><\/span><\/div>/g,
    ),
  ];
  return Object.fromEntries(
    cards.map((m) => [
      m[1]!,
      [m[2]!, m[3]!, m[4]!.replace(/<[^>]+>/g, '').trim()] as [string, string, string],
    ]),
  );
}

describe.each(databaseKinds())('index.html for the dashboard (%s)', (kind) => {
  let server: TestServer;
  let dispose: () => Promise<void>;
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'portrait-dist-'));

  beforeAll(async () => {
    fs.writeFileSync(path.join(dist, 'index.html'), INDEX_HTML);
    const database = await openTestDatabase(kind);
    dispose = database.dispose;
    await loadFixtureChain(database, chain);
    server = await startTestServer(database, { WEB_DIST: dist });
  });
  afterAll(async () => {
    await server?.stop();
    await dispose?.();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('When a signed-in visitor opens the dashboard, Then the filter metadata and the default KPIs are preloaded', async () => {
    const page = await server.api.request('GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('vary')).toMatch(/cookie/i);
    // The default period: the 30 days ending on the data's last day (2025-03-10).
    expect(preloads(page.text)).toEqual(['/api/v1/auth/me', '/api/v1/meta/filters', KPIS_URL]);
    const kpis = await getData<Kpis>(server.api, KPIS_URL);
    expect(kpis.orders.value).toBe(3);
  });

  it('When each role opens the dashboard, Then the first view shows the KPIs GET kpis gives that role, in both languages', async () => {
    const expected: Record<
      'analyst' | 'admin' | 'executive' | 'manager',
      { orders: string; revenue: string }
    > = {
      analyst: { orders: '3', revenue: '¥1.25万' },
      admin: { orders: '3', revenue: '¥1.25万' },
      executive: { orders: '3', revenue: '¥1.25万' },
      // Only store A: 2 orders, ¥150.
      manager: { orders: '2', revenue: '¥150' },
    };
    for (const [username, figures] of Object.entries(expected) as [
      keyof typeof expected,
      { orders: string; revenue: string },
    ][]) {
      const client: Client = username === 'analyst' ? server.api : await server.as(username);
      const page = await client.request('GET', '/');
      const zh = firstViewCards(page.text, 'zh-CN');
      const en = firstViewCards(page.text, 'en-US');
      expect(Object.keys(zh)).toHaveLength(8);
      expect(zh.orders).toEqual(['订单数', figures.orders, expect.any(String)]);
      expect(zh.revenue?.[1]).toBe(figures.revenue);
      expect(en.orders?.[0]).toBe('Orders');
      expect(en.orders?.[1]).toBe(figures.orders);

      // Every figure is the one the API answers this viewer, written as the app writes it.
      const kpis = await getData<Kpis>(client, KPIS_URL);
      for (const key of KPI_KEYS) {
        expect(zh[key]?.[1], `${username} ${key}`).toBe(kpiFigureText(key, kpis[key].value, 'zh-CN'));
        expect(en[key]?.[1], `${username} ${key}`).toBe(kpiFigureText(key, kpis[key].value, 'en-US'));
      }
      // Nothing about customers: no customer ids, no names.
      expect(page.text).not.toMatch(/\bc[12]\b/);
    }
  });

  it('When the first view is sent, Then the React root is hidden behind it, the app loads after its paint, and the CSP allows exactly its inline scripts', async () => {
    const page = await server.api.request('GET', '/');
    expect(page.text).toMatch(/<div id="first-view"[^>]*>.*<\/div><div id="root" hidden><\/div>/s);
    // The dashboard's query for the period shown (the KPIs' scope): the app writes it into the address bar before its
    // router starts, as the dashboard would (preset, then the days).
    expect(page.text).toContain(
      `<div id="first-view" aria-busy="true" data-search="preset=${DEFAULT_PRESET}&amp;${KPIS_URL.split('?')[1]!.replace('&', '&amp;')}">`,
    );
    // The entry script is loaded and started by the inline script at the end of <body>, after the first paint.
    expect(page.text).not.toContain('<script type="module"');
    expect(page.text).toContain('<meta name="app-entry" id="app-entry" content="/assets/index-abc.js">');
    const scripts = [...page.text.matchAll(/<script>(.*?)<\/script>/gs)].map((m) => m[1]!);
    expect(scripts).toHaveLength(2);
    expect(page.text).toMatch(/<script>[^<]*<\/script><\/body>/);
    const csp = page.headers.get('content-security-policy') ?? '';
    for (const script of scripts)
      expect(csp).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
  });

  it('When the visitor is signed out, or the URL holds filters, or it is another page, Then the plain page with only the session check', async () => {
    for (const [client, url] of [
      [anonymous(server.url), '/'],
      [server.api, '/?preset=last7'],
      [server.api, '/customers/c1'],
    ] as const) {
      const page = await client.request('GET', url);
      expect(page.status).toBe(200);
      expect(preloads(page.text)).toEqual(['/api/v1/auth/me']);
      expect(page.text).not.toContain('first-view');
      expect(page.text).toContain('<div id="root"></div>');
      expect(page.text).toContain('<script type="module" crossorigin src="/assets/index-abc.js"></script>');
    }
  });
});
