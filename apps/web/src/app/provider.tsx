import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import { useEffect, useState, type ReactNode } from 'react';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { createAppI18n, currentLang, type Lang } from '../lib/i18n';
import { createQueryClient } from '../lib/query-client';
import { prebuiltAlgorithm } from './prebuilt-algorithm';
import { theme } from './theme';

// antd's styles come from the stylesheet built with the app (vite/antd-static-css.ts), not from its CSS-in-JS, and
// the theme's map tokens from the build too.
const RUNTIME_THEME = { ...theme, algorithm: prebuiltAlgorithm, zeroRuntime: true };

const DAYJS_LOCALE: Record<Lang, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };
const ANTD_LOCALE = { 'zh-CN': zhCN, 'en-US': enUS } as const;

/** antd, dayjs and the document follow the i18next language. */
function LocaleBridge({ children }: { children: ReactNode }) {
  const { i18n, t } = useTranslation();
  const lang = currentLang(i18n);
  dayjs.locale(DAYJS_LOCALE[lang]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.name');
  }, [lang, t]);

  return (
    <ConfigProvider locale={ANTD_LOCALE[lang]} theme={RUNTIME_THEME}>
      <AntdApp>{children}</AntdApp>
    </ConfigProvider>
  );
}

/** `i18n`: the app's instance when made ahead (main.tsx makes it in a start-up step of its own), else made here. */
export function AppProvider({ children, i18n: given }: { children: ReactNode; i18n?: I18n }) {
  const [queryClient] = useState(createQueryClient);
  const [i18n] = useState(() => given ?? createAppI18n());
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <LocaleBridge>{children}</LocaleBridge>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
