import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import path from 'node:path';
import { revealPanel } from './support/panels';

const SHOTS = path.resolve(import.meta.dirname, '..', 'test-results', 'customer360-outlook');

type Envelope<T> = { success: boolean; data: T };
type Slipping = { status: string; customers: { customerId: string }[] };
type Outlook =
  | { status: 'fitting' }
  | {
      status: 'unscored' | 'ready';
      p_active?: number;
      risk_band?: string;
      drivers?: unknown;
    };
type Suggestion = {
  type: string;
  evidence: { figures: { key: string; value: number; source: string }[] };
};

async function get<T>(api: APIRequestContext, p: string): Promise<T> {
  const res = await api.get(p);
  expect(res.ok(), `${p} → ${res.status()}`).toBe(true);
  return ((await res.json()) as Envelope<T>).data;
}

/** The last 90 days of the demo, as the dashboard's preset. */
async function last90(api: APIRequestContext): Promise<string> {
  const { lastDay } = await get<{ lastDay: string }>(api, '/api/v1/meta/filters');
  const from = new Date(Date.parse(`${lastDay}T00:00:00Z`) - 89 * 864e5).toISOString().slice(0, 10);
  return `from=${from}&to=${lastDay}`;
}

/** The most valuable customer slipping away in the viewer's stores, once the first fit is there. */
async function slippingCustomer(api: APIRequestContext): Promise<string> {
  const scope = await last90(api);
  let list: Slipping = { status: 'fitting', customers: [] };
  await expect
    .poll(
      async () => {
        list = await get<Slipping>(api, `/api/v1/portrait/churn/customers?${scope}&pageSize=1`);
        return list.status;
      },
      { timeout: 90_000 },
    )
    .toBe('ready');
  const id = list.customers[0]?.customerId;
  if (!id) throw new Error('nobody is slipping away in the demo');
  return id;
}

async function signIn(page: Page, username: string) {
  await page.goto('/');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('panel-kpis')).toBeVisible();
}

/** 37%, <1% or >99%, as the page writes a probability (a repeat customer's: never exactly 0 or 1). */
const percent = (p: number) => (p < 0.005 ? '<1%' : p >= 0.995 ? '>99%' : `${Math.round(p * 100)}%`);

async function noSideScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

for (const width of [390, 1440]) {
  test(`When an analyst opens a customer who is slipping away at ${width} px, Then the outlook shows the model’s figures and why`, async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize({ width, height: width < 500 ? 844 : 1200 });
    const id = await slippingCustomer(page.request);
    const profile = await get<{ predictions: Outlook }>(
      page.request,
      `/api/v1/customer360/profile?customer_identifier=${id}&identifier_type=customer_id`,
    );
    const p = profile.predictions;
    if (p.status !== 'ready' || p.p_active === undefined) throw new Error(`no outlook: ${p.status}`);

    await page.goto(`/customers/${id}`);
    await expect(page.getByTestId('customer-page')).toHaveAttribute('data-state', 'ready');
    // On a phone the timeline comes first; the outlook is on the value tab.
    if (width < 768) await page.getByRole('tab', { name: '价值分析' }).click();
    const panel = page.getByTestId('panel-predictions');
    await expect(panel.getByTestId('outlook-band')).toHaveText('高风险');
    await expect(panel.getByTestId('outlook-risk')).toHaveAttribute('data-band', 'high');
    await expect(panel.getByTestId('outlook-p-active')).toContainText(percent(p.p_active));
    await expect(panel.getByTestId('outlook-value')).toContainText('¥');
    const reasons = panel.getByTestId('outlook-reasons').locator('li');
    await expect(reasons.first()).toContainText(/最近一次消费在|只有 1 个消费日/);
    expect(await reasons.count()).toBeGreaterThanOrEqual(2);
    await expect(panel.getByTestId('outlook-model')).toContainText('模型更新于');
    await noSideScroll(page);
    await panel.screenshot({ path: path.join(SHOTS, `outlook-${width}.png`) });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, `customer-${width}.png`) });

    await page.getByTestId('lang-switch').click();
    await expect(panel.getByTestId('outlook-band')).toHaveText('High risk');
    await expect(reasons.first()).toContainText(/Last bought|One purchase day/);
    await noSideScroll(page);
    await panel.screenshot({ path: path.join(SHOTS, `outlook-en-${width}.png`) });
    expect(errors).toEqual([]);
  });
}

test.describe('A store manager', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('When a store manager opens a slipping customer on a phone, Then the outlook shows without the other stores’ figures', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, 'manager');
    const id = await slippingCustomer(page.request);
    const profile = await get<{ predictions: Outlook }>(
      page.request,
      `/api/v1/customer360/profile?customer_identifier=${id}&identifier_type=customer_id`,
    );
    expect(profile.predictions).toMatchObject({ status: 'ready', drivers: null });

    await page.goto(`/customers/${id}`);
    await page.getByRole('tab', { name: '价值分析' }).click();
    const panel = page.getByTestId('panel-predictions');
    await expect(panel.getByTestId('outlook-band')).toBeVisible();
    await expect(panel.getByTestId('outlook-note-chainWide')).toBeVisible();
    // Levels, not figures: no "N 天前" and no first purchase day from another store.
    await expect(panel.getByTestId('outlook-reasons')).not.toContainText('天前');
    await noSideScroll(page);
    await panel.screenshot({ path: path.join(SHOTS, 'outlook-manager-390.png') });
  });
});

test('When the churn model is fitted, Then the win-back card’s evidence carries its figures', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 1400 });
  await slippingCustomer(page.request);
  const scope = await last90(page.request);
  const { suggestions } = await get<{ suggestions: Suggestion[] }>(
    page.request,
    `/api/v1/portrait/suggestions?${scope}`,
  );
  const winback = suggestions.find((s) => s.type === 'winback');
  if (!winback) throw new Error('the demo has no win-back suggestion for the last 90 days');
  const high = winback.evidence.figures.find((f) => f.key === 'highChurnRiskCustomers');
  expect(high?.source).toBe('model');

  await page.goto('/?preset=last90');
  await revealPanel(page, 'suggestions');
  const card = page.locator('[data-testid="suggestion-card"][data-type="winback"]').first();
  await card.scrollIntoViewIfNeeded();
  await card.getByTestId('suggestion-evidence-toggle').click();
  // Below the sticky filter bar, for the screenshot.
  await card.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const row = card.locator('[data-figure="highChurnRiskCustomers"]');
  await expect(row).toContainText(String(high?.value));
  await expect(row).toContainText('模型');
  await expect(card.locator('[data-figure="slippingAwayCustomers"]')).toBeVisible();
  await card.screenshot({ path: path.join(SHOTS, 'winback-card-1440.png') });
});
