/**
 * One Lighthouse run (mobile: Moto G Power emulation, simulated slow 4G and 4× CPU slowdown, Lighthouse's defaults)
 * in Debian's chromium, with the session cookie on every request. Returns the metrics, the reports and every request
 * that left the BFF's origin (there must be none: the app fetches nothing from the internet).
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import * as constants from 'lighthouse/core/config/constants.js';
import { CHROMIUM_FLAGS } from '../../../tools/chromium.mjs';

export const CHROME_FLAGS = ['--headless', ...CHROMIUM_FLAGS];

const METRICS = {
  fcp: 'first-contentful-paint',
  lcp: 'largest-contentful-paint',
  tbt: 'total-blocking-time',
  cls: 'cumulative-layout-shift',
  si: 'speed-index',
  tti: 'interactive',
};

/** @param {{ url: string, cookie: string, chromePath: string, cpuSlowdown: number }} options */
export async function runLighthouse({ url, cookie, chromePath, cpuSlowdown }) {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: ['json', 'html'],
      onlyCategories: ['performance'],
      extraHeaders: { Cookie: cookie },
      logLevel: 'error',
      // Only the CPU multiplier changes; the network stays Lighthouse's slow-4G preset.
      throttling: { ...constants.throttling.mobileSlow4G, cpuSlowdownMultiplier: cpuSlowdown },
    });
    if (!result) throw new Error('Lighthouse returned no result');
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const metrics = Object.fromEntries(
      Object.entries(METRICS).map(([key, id]) => [key, lhr.audits[id]?.numericValue ?? Number.NaN]),
    );
    const origin = new URL(url).origin;
    const requests = lhr.audits['network-requests']?.details?.items ?? [];
    const external = requests
      .map((item) => item.url)
      .filter((u) => /^https?:/.test(u) && new URL(u).origin !== origin);
    const lcpElement = lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node;
    const transfer = requests.reduce(
      (acc, item) => {
        acc.total += item.transferSize ?? 0;
        if (item.resourceType === 'Script') acc.script += item.transferSize ?? 0;
        return acc;
      },
      { total: 0, script: 0 },
    );
    return {
      score: Math.round((lhr.categories.performance.score ?? 0) * 100),
      metrics,
      external,
      requestCount: requests.length,
      transfer,
      lcpElement: lcpElement ? `${lcpElement.selector ?? ''} ${lcpElement.snippet ?? ''}`.trim() : null,
      finalUrl: lhr.finalDisplayedUrl,
      lighthouseVersion: lhr.lighthouseVersion,
      userAgent: lhr.environment?.hostUserAgent,
      benchmarkIndex: lhr.environment?.benchmarkIndex,
      json: result.report[0],
      html: result.report[1],
    };
  } finally {
    await chrome.kill();
  }
}
