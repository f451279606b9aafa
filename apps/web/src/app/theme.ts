import type { ThemeConfig } from 'antd';
import { FONT_FAMILY } from '../lib/chart';

/** A clean, light analytics theme: antd blue, soft grey canvas, borderless cards with a hairline shadow. */
export const theme: ThemeConfig = {
  // The same selectors and variables at build time, where vite/antd-style-sheet.tsx renders antd's stylesheet with
  // this theme, as at run time, where the ConfigProvider adds `zeroRuntime` (app/provider.tsx): no hash class (one
  // antd on the page) and a fixed CSS-variable scope instead of one from React's useId.
  hashed: false,
  cssVar: { key: 'portrait' },
  token: {
    colorPrimary: '#1677ff',
    colorSuccess: '#389e0d',
    colorError: '#cf1322',
    colorBgLayout: '#f4f6f9',
    borderRadius: 8,
    borderRadiusLG: 12,
    fontFamily: FONT_FAMILY,
    colorTextSecondary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
  },
  components: {
    Card: { headerFontSize: 16, headerHeight: 52, bodyPadding: 20 },
    Layout: { headerBg: '#ffffff', headerHeight: 60, headerPadding: '0 24px', bodyBg: '#f4f6f9' },
    Segmented: { itemSelectedColor: '#1677ff' },
  },
};
