import { chromium } from '@playwright/test';
const base = 'http://127.0.0.1:4753';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const [w, h] of [[390, 844], [1440, 900]]) {
  for (const lang of ['zh-CN', 'en-US']) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h } });
    const page = await ctx.newPage();
    const res = await page.request.post(`${base}/api/v1/auth/login`, { data: { username: 'manager', password: 'demo1234' } });
    if (!res.ok()) console.log('login', res.status(), await res.text());
    await page.addInitScript((l) => localStorage.setItem('portrait.lang', l), lang);
    // The first view alone: no scripts from the bundle.
    await page.route('**/assets/*.js', (r) => r.abort());
    await page.goto(`${base}/`);
    await page.screenshot({ path: `/tmp/h9s/shots/${w}-${lang}-shell.png` });
    await page.unroute('**/assets/*.js');
    await page.goto(`${base}/`);
    await page.waitForSelector('#root:not([hidden]) [data-testid="kpi-orders"] [data-testid="kpi-value"]');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `/tmp/h9s/shots/${w}-${lang}-app.png` });
    console.log(w, lang, await page.locator('#first-view').count(), await page.locator('[data-testid=kpi-value]').allTextContents());
    await ctx.close();
  }
}
await browser.close();
