import type { RfmBreakdown, RfmDimension } from '@portrait/shared/customer360';
import type { RfmKey } from '@portrait/shared/customer-value';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../../components/chart-card';
import { EChart } from '../../../components/echart';
import { useFormatters } from '../../../lib/use-formatters';
import { buildRfmOption, rfmChartHeight } from '../utils/build-rfm-option';

const KEYS: RfmKey[] = ['r', 'f', 'm'];

function Dimension({ k, dim, compact }: { k: RfmKey; dim: RfmDimension; compact: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const option = useMemo(() => buildRfmOption(k, dim, { t, f, compact }), [k, dim, t, f, compact]);
  const name = t(`customer360.rfm.${k}`);
  const value =
    dim.value === null
      ? t('customer360.rfm.noValue')
      : k === 'r'
        ? dim.value === 0
          ? t('customer360.rfm.rToday')
          : t('customer360.rfm.rValue', { count: dim.value })
        : k === 'f'
          ? t('customer360.rfm.fValue', { count: dim.value })
          : f.currency(dim.value);
  return (
    <div className="rfm-dimension" data-testid={`rfm-${k}`}>
      <div className="rfm-dimension-head">
        <span className="rfm-dimension-name">
          <span className="rfm-letter" aria-hidden>
            {k.toUpperCase()}
          </span>
          {name}
          <strong className="rfm-dimension-value">{value}</strong>
        </span>
        <span className="rfm-dimension-score">
          {/* The score is the share of customers this one beats (ties count half). */}
          {dim.value === null ? null : t('customer360.rfm.beats', { share: f.percent(dim.score / 100, 1) })}
        </span>
      </div>
      <EChart
        option={option}
        height={rfmChartHeight(compact)}
        ariaLabel={t('customer360.rfm.chartAria', { name })}
        testId={`chart-rfm-${k}`}
      />
    </div>
  );
}

/** R, F and M as bars against the population the customer is scored in. */
export function RfmPanel({ rfm, compact, scoped }: { rfm: RfmBreakdown; compact: boolean; scoped: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const height = 3 * (rfmChartHeight(compact) + 34);
  return (
    <ChartCard
      name="rfm"
      title={t('customer360.rfm.title')}
      subtitle={`${t(scoped ? 'customer360.rfm.subtitleMine' : 'customer360.rfm.subtitleChain', { count: f.integer(rfm.population) })}${compact ? '' : ` · ${t('customer360.rfm.subtitle')}`}`}
      state="ready"
      bodyHeight={height}
    >
      <div className="rfm-dimensions">
        {KEYS.map((k) => (
          <Dimension key={k} k={k} dim={rfm[k]} compact={compact} />
        ))}
      </div>
    </ChartCard>
  );
}
