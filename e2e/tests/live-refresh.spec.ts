import { expect, test, request as playwrightRequest } from '@playwright/test';

/** Signs in as the admin through the API (another "device") and uploads one orders file. */
async function importElsewhere(baseURL: string, csv: string): Promise<number> {
  const api = await playwrightRequest.newContext({ baseURL });
  const login = await api.post('/api/v1/auth/login', { data: { username: 'admin', password: 'demo1234' } });
  expect(login.status()).toBe(200);
  const { csrfToken } = ((await login.json()) as { data: { csrfToken: string } }).data;
  const res = await api.post('/api/v1/admin/imports', {
    headers: { 'x-csrf-token': csrfToken },
    multipart: { files: { name: 'orders-live.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) } },
  });
  expect(res.status()).toBe(200);
  const job = ((await res.json()) as { data: { id: number } }).data;
  await expect
    .poll(
      async () =>
        ((await (await api.get(`/api/v1/admin/imports/${job.id}`)).json()) as { data: { status: string } })
          .data.status,
    )
    .toBe('succeeded');
  await api.dispose();
  return job.id;
}

test('When orders are imported elsewhere, Then an open dashboard shows them without a reload', async ({
  page,
  baseURL,
}) => {
  await page.goto('/');
  const orders = page.getByTestId('kpi-orders').getByTestId('kpi-value');
  await expect(page.getByTestId('panel-kpis')).toHaveAttribute('data-state', 'ready');
  const before = (await orders.innerText()).trim();
  const meta = (await (await page.request.get('/api/v1/meta/filters')).json()) as {
    data: { lastDay: string };
  };
  const day = meta.data.lastDay;
  const rows = Array.from(
    { length: 25 },
    (_, i) => `LIVE${i},,S001,${day} 12:${String(i).padStart(2, '0')},pos,dine_in,30`,
  );
  await importElsewhere(
    baseURL!,
    ['order_id,customer_id,store_id,ordered_at,channel,order_type,amount', ...rows].join('\n'),
  );
  // No navigation: the data-version stream tells the page, which refetches.
  await expect(orders).not.toHaveText(before, { timeout: 20_000 });
  await expect(page.getByText('数据已更新，页面已刷新')).toBeVisible();
  await page.screenshot({ path: 'screenshots/live-refresh-1440.png' });
});
