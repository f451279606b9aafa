/**
 * `node apps/web/bench/tbt-ab.mjs [runs] URL_A URL_B …`: Total Blocking Time estimated from main-thread *thread* time,
 * for comparing builds on a shared, loaded host where Lighthouse's TBT mostly measures the other jobs.
 *
 * Each URL is a running BFF (serve a build with `WEB_DIST=/path/to/dist`, `DEMO_SIZE=small`); the dashboard is loaded
 * signed in as the analyst at 412 × 823, unthrottled, with a Chromium trace. For every main-thread task after the
 * first contentful paint, its thread time × 4 (Lighthouse's mobile CPU slowdown) counts beyond 50 ms. Thread time
 * does not grow when the process waits for a core, so the figures stay comparable between runs; they are not
 * Lighthouse's (no simulated network, no wait for interactivity), only a ratio between builds. Runs alternate
 * between the URLs after one warm-up each; medians are printed. "CSS parse" is the stylesheets' parse thread time (× 4),
 * before the first paint or after: antd's static sheet is most of it. Uses the e2e package's Playwright and Chromium.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../../tools/chromium.mjs';

const require = createRequire(path.resolve(import.meta.dirname, '../../../e2e/package.json'));
const { chromium } = require('@playwright/test');

const SLOWDOWN = 4;
const args = process.argv.slice(2).filter((a) => a !== '--');
const runs = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 5;
const urls = args;
if (urls.length === 0) throw new Error('usage: tbt-ab.mjs [runs] URL …');

async function signIn(base) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'analyst', password: 'demo1234' }),
  });
  if (!res.ok) throw new Error(`sign-in failed at ${base}: ${res.status}`);
  const [name, value] = res.headers.getSetCookie()[0].split(';')[0].split('=');
  return { name, value, url: base };
}

async function measure(browser, base) {
  const context = await browser.newContext({
    viewport: { width: 412, height: 823 },
    deviceScaleFactor: 1.75,
    isMobile: true,
    hasTouch: true,
  });
  await context.addCookies([await signIn(base)]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    // blink.user_timing: navigationStart, which names the page's navigation (see below).
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,loading,blink.user_timing',
    transferMode: 'ReportEvents',
  });
  await page.goto(`${base}/`, { waitUntil: 'load' });
  await page.waitForTimeout(6000);
  await cdp.send('Tracing.end');
  await complete;
  await context.close();

  const threadNames = new Map(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name')
      .map((e) => [`${e.pid}:${e.tid}`, e.args.name]),
  );
  const tasksByThread = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.name !== 'RunTask' || e.ph !== 'X' || threadNames.get(key) !== 'CrRendererMain') continue;
    tasksByThread.set(key, [...(tasksByThread.get(key) ?? []), e]);
  }
  // The page's renderer is the one that painted its navigation: not the busiest main thread, which is now and then
  // another renderer of the browser (the previous page's, still closing), whose tasks then counted from its start
  // (300–400 ms where a run is ≈ 100 ms).
  const navigation = events.find(
    (e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === `${base}/`,
  );
  const fcpEvent = events.find(
    (e) =>
      e.name === 'firstContentfulPaint' && e.args?.data?.navigationId === navigation?.args.data.navigationId,
  );
  if (!fcpEvent) return null;
  const fcp = fcpEvent.ts;
  const tasks = [...tasksByThread.entries()]
    .filter(([key]) => key.startsWith(`${fcpEvent.pid}:`))
    .flatMap(([, list]) => list);
  let tbt = 0;
  let longest = 0;
  let cpu = 0;
  for (const task of tasks) {
    const ms = ((task.tdur ?? task.dur) / 1000) * SLOWDOWN;
    cpu += ms;
    if (task.ts < fcp) continue;
    tbt += Math.max(0, ms - 50);
    longest = Math.max(longest, ms);
  }
  // Stylesheet parsing (antd's static sheet is most of it), wherever it falls: before the first paint too.
  const cssParse = events
    .filter((e) => e.name === 'ParseAuthorStyleSheet' && e.ph === 'X' && e.pid === fcpEvent.pid)
    .filter((e) => threadNames.get(`${e.pid}:${e.tid}`) === 'CrRendererMain')
    .reduce((sum, e) => sum + ((e.tdur ?? e.dur) / 1000) * SLOWDOWN, 0);
  return {
    tbt: Math.round(tbt),
    longest: Math.round(longest),
    cpu: Math.round(cpu),
    css: Math.round(cssParse),
  };
}

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS] });
const results = new Map(urls.map((url) => [url, []]));
try {
  for (const url of urls) await measure(browser, url);
  for (let i = 0; i < runs; i += 1) {
    for (const url of urls) {
      let run = await measure(browser, url);
      for (let retry = 0; !run && retry < 3; retry += 1) {
        console.log(`${url}  run ${i + 1}: no first paint of the page in the trace, measured again`);
        run = await measure(browser, url);
      }
      if (!run) throw new Error(`${url}: no first contentful paint in 4 traces`);
      results.get(url).push(run);
      console.log(
        `${url}  run ${i + 1}  TBT ${run.tbt} ms  longest ${run.longest} ms  main thread ${run.cpu} ms  CSS parse ${run.css} ms`,
      );
    }
  }
} finally {
  await browser.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [url, runsOf] of results) {
  const m = (k) => median(runsOf.map((r) => r[k]));
  console.log(
    `median ${url}  TBT ${m('tbt')} ms  longest task ${m('longest')} ms  main thread ${m('cpu')} ms  CSS parse ${m('css')} ms (×${SLOWDOWN})`,
  );
}
