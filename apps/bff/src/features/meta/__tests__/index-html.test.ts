/**
 * index.html preloads the dashboard's first requests for a signed-in visitor, and the preloaded URLs are exactly the
 * ones the web app asks for (else the browser fetches twice; the e2e dashboard spec checks that side).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtureChain } from '../../../__tests__/helpers/fixture-chain';
import { anonymous, getData, startTestServer, type TestServer } from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

const chain = {
  cities: [{ name: '杭州', province: '浙江省' }],
  stores: [{ id: 'A', name: '杭州西湖店', city: '杭州' }],
  products: [{ id: 'P1', name: '经典热狗', category: '热狗' }],
  orders: [
    { id: 'o1', customerId: 'c1', storeId: 'A', at: '2025-02-20 12:10', amount: 100 },
    { id: 'o2', customerId: 'c1', storeId: 'A', at: '2025-03-10 18:00', amount: 50 },
  ],
};

const preloads = (html: string) =>
  [...html.matchAll(/<link rel="preload" href="([^"]+)" as="fetch"/g)].map((m) =>
    m[1]!.replaceAll('&amp;', '&'),
  );

describe.each(databaseKinds())('index.html preloads (%s)', (kind) => {
  let server: TestServer;
  let dispose: () => Promise<void>;
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'portrait-dist-'));

  beforeAll(async () => {
    fs.writeFileSync(
      path.join(dist, 'index.html'),
      '<!doctype html><html><head><link rel="preload" href="/api/v1/auth/me" as="fetch" crossorigin="anonymous" /></head><body></body></html>',
    );
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
    expect(preloads(page.text)).toEqual([
      '/api/v1/auth/me',
      '/api/v1/meta/filters',
      '/api/v1/portrait/kpis?from=2025-02-09&to=2025-03-10',
    ]);
    const kpis = await getData<{ orders: { value: number } }>(server.api, preloads(page.text)[2]!);
    expect(kpis.orders.value).toBe(2);
  });

  it('When the visitor is signed out, or the URL holds filters, or it is another page, Then only the session check is preloaded', async () => {
    for (const [client, url] of [
      [anonymous(server.url), '/'],
      [server.api, '/?preset=last7'],
      [server.api, '/customers/c1'],
    ] as const) {
      const page = await client.request('GET', url);
      expect(page.status).toBe(200);
      expect(preloads(page.text)).toEqual(['/api/v1/auth/me']);
    }
  });
});
