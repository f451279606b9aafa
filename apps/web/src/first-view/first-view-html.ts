/**
 * The dashboard's first view as plain HTML, for the BFF to put in index.html: header, filter bar and the eight KPI
 * cards with their figures, painted before any JavaScript has loaded. It uses the app's own class names, messages and
 * number formatting (no React, no DOM: it runs in the BFF), so the page React renders afterwards looks the same.
 * `first-view/hand-off.ts` swaps it for the React page once that has its KPIs.
 */
import { DEFAULT_PRESET } from '@portrait/shared/dates';
import { KPI_KEYS, type KpiKey, type Kpis } from '@portrait/shared/kpis';
import { escapeHtml, formatters } from '../lib/format';
import { LANG_STORAGE_KEY, LANGS, type Lang } from '../lib/langs';
import { enUS } from '../lib/locales/en-us';
import { zhCN, type Messages } from '../lib/locales/zh-cn';
import { formatChange, formatKpi, TREND_ARROW, trendOf } from '../features/kpis/utils/kpi-format';
import { PERIOD_CHOICES, writeFilters } from '../features/filters/utils/url-state';
import { FIRST_VIEW_CSS } from './first-view-css';
import { FIRST_VIEW_ID } from './first-view-ids';

export { FIRST_VIEW_CSS };

const MESSAGES: Record<Lang, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };

/** The element index.html's React root is; the first view goes before it and the root stays hidden until hand-off. */
export const ROOT_ELEMENT = '<div id="root"></div>';

/**
 * Runs in <head> before the body is parsed: marks the language the app will use (the user's stored choice, as
 * lib/i18n.ts reads it) so the first view shows that language's copy only. The BFF allows it by its hash (CSP).
 * It also opens the tab's sessionStorage, which react-router reads as the app starts (its view-transition memory): a
 * storage area's first use waits on the browser process (1–45 ms measured under load, in the router's start-up
 * task); here that wait comes before the first paint, while the HTML is parsed, not in a task after it.
 */
export const FIRST_VIEW_LANG_SCRIPT =
  `try{var l=localStorage.getItem(${JSON.stringify(LANG_STORAGE_KEY)});sessionStorage.length}catch(e){}` +
  `document.documentElement.setAttribute('data-first-view-lang',l==='en-US'?'en-US':'zh-CN')`;

/** The id of the `<meta>` that holds the app's entry script URL when the first view defers the app's start. */
export const APP_ENTRY_ID = 'app-entry';

/**
 * Runs at the end of <body>: loads and starts the app (the entry script) only after the browser has painted the
 * first view. The page then paints with the HTML and the stylesheet alone: the bundle, downloaded alongside, would
 * otherwise be waited for or run before the first paint (in Lighthouse's model, anything loaded before the observed
 * first paint delays it). A timer starts it anyway where frames do not come (a background tab).
 */
export const FIRST_VIEW_START_SCRIPT =
  `(function(){var d=0,e=document.getElementById('${APP_ENTRY_ID}');function go(){if(d++)return;` +
  `var s=document.createElement('script');s.type='module';s.crossOrigin='anonymous';s.src=e.content;` +
  `document.head.appendChild(s)}requestAnimationFrame(function(){setTimeout(go)});setTimeout(go,300)})()`;

export type FirstViewInput = {
  /** The default period the dashboard opens on (preset `DEFAULT_PRESET` ending on the data's last day). */
  scope: { from: string; to: string };
  lastDay: string;
  /** The KPIs of that scope for this viewer, as `GET /portrait/kpis` answers them. */
  kpis: Kpis;
};

const LOGO =
  '<svg class="brand-logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="8" fill="#1677ff"/>' +
  '<circle cx="16" cy="12" r="5" fill="#fff"/><path d="M7 26c1.2-5 4.8-8 9-8s7.8 3 9 8" fill="#fff"/></svg>';

// antd's InfoCircleOutlined, as the cards render it.
const INFO_ICON =
  '<span role="img" class="anticon kpi-info"><svg viewBox="64 64 896 896" focusable="false" width="1em" height="1em" fill="currentColor" aria-hidden="true">' +
  '<path d="M512 64C264.6 64 64 264.6 64 512s200.6 448 448 448 448-200.6 448-448S759.4 64 512 64zm0 820c-205.4 0-372-166.6-372-372s166.6-372 372-372 372 166.6 372 372-166.6 372-372 372z"/>' +
  '<path d="M464 336a48 48 0 1096 0 48 48 0 10-96 0zm72 112h-48c-4.4 0-8 3.6-8 8v272c0 4.4 3.6 8 8 8h48c4.4 0 8-3.6 8-8V456c0-4.4-3.6-8-8-8z"/></svg></span>';

/** A KPI's figure as the card writes it in `lang`. */
export function kpiFigureText(key: KpiKey, value: number | null, lang: Lang): string {
  return formatKpi(key, value, formatters(lang));
}

function kpiCard(key: KpiKey, input: FirstViewInput, lang: Lang): string {
  const m = MESSAGES[lang].kpi;
  const f = formatters(lang);
  const value = input.kpis[key];
  const trend = trendOf(value.change);
  const change =
    trend === 'none'
      ? `<span class="kpi-change-value">${escapeHtml(m.noComparison)}</span>`
      : `<span class="kpi-change-value"><span aria-hidden="true">${TREND_ARROW[trend]}</span> ${escapeHtml(formatChange(value.change, f))}</span>`;
  return (
    `<div class="grid-cell fv-cell"><article class="kpi-card" data-kpi="${key}">` +
    `<div class="kpi-head"><h3 class="kpi-label">${escapeHtml(m[key])}</h3>${INFO_ICON}</div>` +
    `<div class="kpi-value">${escapeHtml(kpiFigureText(key, value.value, lang))}</div>` +
    `<div class="kpi-foot"><span class="kpi-change trend-${trend}">` +
    `<span class="kpi-change-label kpi-change-label-long">${escapeHtml(m.vsPrevious)}</span>` +
    `<span class="kpi-change-label kpi-change-label-short">${escapeHtml(m.vsPreviousShort)}</span>${change}` +
    `</span></div></article></div>`
  );
}

function filterBar(input: FirstViewInput, lang: Lang): string {
  const m = MESSAGES[lang].filters;
  const { from, to } = input.scope;
  const chips = PERIOD_CHOICES.map(
    (p) =>
      `<span class="${p === DEFAULT_PRESET ? 'preset-chip is-active' : 'preset-chip'}">${escapeHtml(m.presets[p])}</span>`,
  ).join('');
  return (
    `<div class="filter-sticky"><section class="filter-bar">` +
    `<div class="filter-row filter-period"><div class="preset-grid">${chips}</div>` +
    `<span class="date-fallback range-picker">${from} → ${to}</span>` +
    `<div class="date-pair"><span class="date-fallback">${from}</span><span class="date-sep">~</span><span class="date-fallback">${to}</span></div></div>` +
    `<div class="filter-row filter-place"><span class="fv-control fv-select place-select">${escapeHtml(m.allCities)}</span>` +
    `<span class="fv-control fv-select place-select">${escapeHtml(m.allStores)}</span>` +
    `<span class="fv-control fv-button reset-button"><span class="fv-button-text">${escapeHtml(m.reset)}</span></span></div>` +
    `</section></div>`
  );
}

function firstViewIn(input: FirstViewInput, lang: Lang): string {
  const app = MESSAGES[lang].app;
  const asOf = app.dataAsOf.replace('{{day}}', formatters(lang).day(input.lastDay));
  return (
    `<div class="first-view" lang="${lang}">` +
    `<header class="app-header"><div class="app-header-inner"><div class="brand">${LOGO}` +
    `<div class="brand-text"><span class="brand-name">${escapeHtml(app.name)}</span>` +
    `<span class="brand-tagline">${escapeHtml(app.tagline)}</span></div></div>` +
    `<div class="header-actions"><span class="data-as-of">${escapeHtml(asOf)}</span></div></div></header>` +
    `<div class="page">${filterBar(input, lang)}` +
    `<section class="kpi-section"><div class="grid">${KPI_KEYS.map((k) => kpiCard(k, input, lang)).join('')}</div></section>` +
    `</div></div>`
  );
}

/**
 * The first view in both languages (the head script shows the user's), to go right before the React root. It
 * carries the dashboard's URL query for the period it shows (`data-search`): the app writes it into the address
 * bar before its router starts (first-view/default-url.ts), so the dashboard needs no navigation to fill it in.
 */
export function firstViewHtml(input: FirstViewInput): string {
  const search = writeFilters({ ...input.scope, cities: [], stores: [], preset: DEFAULT_PRESET }).toString();
  return (
    `<div id="${FIRST_VIEW_ID}" aria-busy="true" data-search="${escapeHtml(search)}">` +
    `${LANGS.map((lang) => firstViewIn(input, lang)).join('')}</div>`
  );
}
