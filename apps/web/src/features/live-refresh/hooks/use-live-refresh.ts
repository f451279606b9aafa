import { liveVersionSchema } from '@portrait/shared/live';
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE } from '../../../lib/api-client';
import { SESSION_QUERY_KEY } from '../../../lib/query-client';
import { filtersMetaQueryOptions } from '../../filters/api/get-filters-meta';

/**
 * Listens to the server's data-version stream while signed in. When the version changes (an import, a sync,
 * another process), every cached answer except the session is invalidated: open panels refetch at once,
 * others when next shown. EventSource reconnects by itself after a network drop.
 */
export function useLiveRefresh(signedIn: boolean): void {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();

  useEffect(() => {
    if (!signedIn || typeof EventSource === 'undefined') return;
    const source = new EventSource(`${API_BASE}/live`);
    let known: number | null = null;
    source.addEventListener('version', (e) => {
      const parsed = liveVersionSchema.safeParse(JSON.parse((e as MessageEvent<string>).data));
      if (!parsed.success) return;
      const version = parsed.data.dataVersion;
      // First message: compare with the version the page's data was loaded at (it may have changed since).
      known ??= queryClient.getQueryData(filtersMetaQueryOptions().queryKey)?.dataVersion ?? version;
      if (version !== known) {
        void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== SESSION_QUERY_KEY[0] });
        void message.info({ content: t('dataImport.liveUpdated'), key: 'live-refresh' });
      }
      known = version;
    });
    // The session ended: ask who is signed in (the answer shows the sign-in page).
    source.addEventListener('signed-out', () => {
      source.close();
      void queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
    });
    return () => source.close();
  }, [signedIn, queryClient, message, t]);
}
