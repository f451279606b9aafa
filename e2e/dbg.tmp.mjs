import { chromium } from '@playwright/test';
const base = 'http://127.0.0.1:4753';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
const page = await ctx.newPage();
await page.request.post(`${base}/api/v1/auth/login`, { data: { username: 'manager', password: 'demo1234' } });
await page.route('**/assets/*.js', (r) => r.abort());
await page.goto(`${base}/`);
console.log(await page.evaluate(() => {
  const card = document.querySelector('.first-view[lang="zh-CN"] .kpi-card');
  const out = [];
  for (const el of [card.parentElement, card, ...card.querySelectorAll('*')]) {
    const r = el.getBoundingClientRect(); const cs = getComputedStyle(el);
    out.push(`${el.tagName}.${el.className?.baseVal ?? el.className} y=${r.y|0} h=${r.height|0} lh=${cs.lineHeight} mt=${cs.marginTop} mb=${cs.marginBottom}`);
  }
  return out.join('\n');
}));
await browser.close();
