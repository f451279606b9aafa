import { CHURN_RISK_THRESHOLDS, RISK_BANDS } from '@portrait/shared/models';
import type { Scope } from '@portrait/shared/scope';
import { Tooltip } from 'antd';
import { useMemo, useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../../components/chart-card';
import { panelState } from '../../../lib/panel-state';
import { useFormatters } from '../../../lib/use-formatters';
import { useChurn } from '../api/get-churn';
import { buildChurnGaugeOption, GAUGE_HEIGHT, RISK_COLORS } from '../utils/build-churn-gauge-option';
import { CHURN_BODY_HEIGHT } from '../utils/panel-heights';
import { ChurnGauge } from './churn-gauge';
import { FitFailedMessage, FittingMessage, ModelNote } from './model-note';
import './churn.css';

/** 流失预警: the risk gauge, the high-risk customers, the value at stake and the bands. */
export function ChurnPanel({ scope, compact }: { scope: Scope; compact: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const query = useChurn(scope);
  // The answer renders in interruptible slices (see KpiCards), not as one blocking render.
  const data = useDeferredValue(query.data);
  const state = panelState(
    { data, isError: query.isError },
    (d) => d.status === 'ready' && d.figures.customers + d.figures.unscored === 0,
  );
  const height = compact ? CHURN_BODY_HEIGHT.compact : CHURN_BODY_HEIGHT.regular;
  const figures = data?.status === 'ready' ? data.figures : null;
  const option = useMemo(
    () => (figures ? buildChurnGaugeOption(figures, { t, f, compact }) : null),
    [figures, t, f, compact],
  );
  const high = figures?.bands.find((b) => b.band === 'high');

  return (
    <ChartCard
      name="churn"
      title={t('churn.title')}
      subtitle={t('churn.subtitle', {
        horizon: CHURN_RISK_THRESHOLDS.horizonDays,
        high: f.percent(CHURN_RISK_THRESHOLDS.high, 0),
      })}
      state={state}
      refreshing={query.isPlaceholderData}
      error={query.error}
      onRetry={() => void query.refetch()}
      bodyHeight={height}
    >
      {data?.status === 'fitting' ? <FittingMessage text={t('churn.fitting')} height={height} /> : null}
      {data?.status === 'failed' ? <FitFailedMessage error={data.error} height={height} /> : null}
      {data?.status === 'ready' && figures && option ? (
        <div className="churn-body" style={{ minHeight: height }}>
          <div className="churn-gauge">
            <ChurnGauge
              option={option}
              height={compact ? GAUGE_HEIGHT.compact : GAUGE_HEIGHT.regular}
              ariaLabel={t('churn.gaugeAria')}
              testId="chart-churn-gauge"
            />
          </div>
          <div className="churn-facts">
            <dl className="churn-stats">
              <div className="churn-stat" data-testid="churn-high">
                <dt>{t('churn.highRisk')}</dt>
                <dd>
                  <span className="churn-stat-value" style={{ color: RISK_COLORS.high }}>
                    {f.integer(high?.customers ?? 0)}
                  </span>
                  <span className="churn-stat-hint">
                    {t('churn.ofActive', { share: f.percent(figures.highRiskShare) })}
                  </span>
                </dd>
              </div>
              <div className="churn-stat" data-testid="churn-stake">
                <dt>
                  <Tooltip title={t('churn.valueAtStakeHint')}>
                    <span className="churn-stat-term">{t('churn.valueAtStake')}</span>
                  </Tooltip>
                </dt>
                <dd>
                  <span className="churn-stat-value">{f.currencyCompact(figures.valueAtStake)}</span>
                </dd>
              </div>
              <div className="churn-stat" data-testid="churn-predicted">
                <dt>
                  <Tooltip title={t('churn.predictedValueHint')}>
                    <span className="churn-stat-term">{t('churn.predictedValue')}</span>
                  </Tooltip>
                </dt>
                <dd>
                  <span className="churn-stat-value">{f.currencyCompact(figures.predictedValue)}</span>
                </dd>
              </div>
            </dl>
            <ul className="churn-bands" aria-label={t('churn.title')}>
              {RISK_BANDS.map((band) => {
                const row = figures.bands.find((b) => b.band === band);
                return (
                  <li key={band} data-testid={`churn-band-${band}`}>
                    <span className="churn-band-dot" style={{ background: RISK_COLORS[band] }} aria-hidden />
                    {t('churn.bandCount', {
                      band: t(`churn.bands.${band}`),
                      count: f.integer(row?.customers ?? 0),
                    })}
                  </li>
                );
              })}
            </ul>
            {figures.unscored > 0 ? (
              <div className="churn-unscored">
                {t('churn.unscored', { count: f.integer(figures.unscored) })}
              </div>
            ) : null}
            <ModelNote model={data.model} />
          </div>
        </div>
      ) : null}
    </ChartCard>
  );
}
