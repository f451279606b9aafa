import { ExclamationCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { previousPeriod } from '@portrait/shared/dates';
import { KPI_KEYS } from '@portrait/shared/kpis';
import type { Scope } from '@portrait/shared/scope';
import { Button } from 'antd';
import { Grid, GridCell } from '../../../components/grid';
import { useFirstViewHandOff } from '../../../first-view/hand-off';
import { useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message';
import { panelState } from '../../../lib/panel-state';
import { useKpis } from '../api/get-kpis';
import { KpiCard } from './kpi-card';

/** The eight KPI cards (4 × 2 on a desktop, 2 per row on a phone). */
export function KpiCards({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  const query = useKpis(scope);
  // Rendered from a deferred copy, as the dashboard is (app/routes/dashboard.tsx): the cards re-render interruptibly.
  const data = useDeferredValue(query.data);
  const state = panelState({ data, isError: query.isError }, (d) => (d.orders.value ?? 0) === 0);
  const previous = previousPeriod(scope.from, scope.to);
  const refreshing = query.isPlaceholderData;
  // The BFF's first view shows these cards with figures: it gives way once these have theirs (or an error).
  useFirstViewHandOff(state !== 'loading');

  return (
    <section
      className="kpi-section"
      data-testid="panel-kpis"
      data-state={refreshing && state !== 'error' ? 'loading' : state}
      aria-busy={refreshing || state === 'loading'}
      aria-labelledby="kpi-section-title"
    >
      <h2 id="kpi-section-title" className="visually-hidden">
        {t('kpi.sectionTitle')}
      </h2>
      {state === 'error' ? (
        <div className="kpi-error">
          <div className="panel-message panel-message-inline" role="alert">
            <ExclamationCircleOutlined className="panel-message-icon" aria-hidden />
            <div>
              <div className="panel-message-title">{t('state.error')}</div>
              <div className="panel-message-hint" data-testid="panel-error-message">
                {errorMessage(query.error, t)}
              </div>
            </div>
            <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} data-testid="panel-retry">
              {t('state.retry')}
            </Button>
          </div>
        </div>
      ) : (
        <Grid className={refreshing ? 'is-refreshing' : undefined}>
          {KPI_KEYS.map((key) => (
            <GridCell key={key} xs={12} sm={12} lg={6}>
              <KpiCard kpi={key} value={data?.[key]} previousFrom={previous.from} previousTo={previous.to} />
            </GridCell>
          ))}
        </Grid>
      )}
    </section>
  );
}
