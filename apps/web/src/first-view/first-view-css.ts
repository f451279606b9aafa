import { FONT_FAMILY } from '../lib/font';

/**
 * What antd's CSS-in-JS gives the real page (layout background, header, text defaults, Segmented, Select and Button
 * looks), for the first view that paints before any JavaScript. Everything else comes from the app's own stylesheet
 * (app/styles.css, components/grid.css: same class names), which index.html loads before first paint anyway.
 */
export const FIRST_VIEW_CSS = `
html[data-first-view-lang="en-US"] .first-view[lang="zh-CN"],
html:not([data-first-view-lang="en-US"]) .first-view[lang="en-US"] { display: none; }
.first-view { font-family: ${FONT_FAMILY}; font-size: 14px; line-height: 1.5714285714; color: rgba(0, 0, 0, 0.88);
  background: #f4f6f9; min-height: 100vh; }
.first-view .app-header { height: 60px; padding: 0 24px; background: #fff; box-sizing: border-box; }
.first-view *, .first-view *::before, .first-view *::after { box-sizing: border-box; }
.first-view .preset-chip { display: flex; align-items: center; justify-content: center; }
.first-view .anticon { display: inline-flex; align-items: center; line-height: 0; }
.first-view .fv-cell { --span-xs: 12; --span-sm: 12; --span-lg: 6; }
.fv-control { display: inline-flex; align-items: center; gap: 8px; box-sizing: border-box; height: 32px;
  padding: 0 11px; border: 1px solid #d9d9d9; border-radius: 8px; background: #fff; white-space: nowrap; }
.fv-select { color: rgba(0, 0, 0, 0.25); }
.fv-button { justify-content: center; padding: 0 15px; color: rgba(0, 0, 0, 0.88); }
@media (min-width: 768px) {
  .first-view .preset-grid { display: inline-flex; padding: 2px; border-radius: 8px; background: #f5f5f5;
    color: rgba(0, 0, 0, 0.65); }
  .first-view .preset-chip { height: 28px; padding: 0 11px; border: 0; border-radius: 6px; background: none;
    color: inherit; font: inherit; line-height: 28px; white-space: nowrap; }
  .first-view .preset-chip.is-active { background: #fff; color: #1677ff;
    box-shadow: 0 1px 2px rgba(0, 0, 0, 0.03), 0 1px 6px -1px rgba(0, 0, 0, 0.02), 0 2px 4px rgba(0, 0, 0, 0.02); }
  .first-view .date-pair { display: none; }
}
@media (max-width: 767.98px) {
  .first-view .app-header { height: 52px; padding: 0 12px; }
  .first-view .range-picker { display: none; }
  .fv-control { height: 40px; font-size: 16px; }
  .fv-button { width: 40px; padding: 0; }
  .fv-button-text { display: none; }
}
`
  .replace(/\n\s*/g, ' ')
  .trim();
