import { InfoCircleOutlined } from '@ant-design/icons';
import type { KpiKey, KpiValue } from '@portrait/shared/kpis';
import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { HintTooltip } from '../../../components/hint-tooltip';
import { useFormatters } from '../../../lib/use-formatters';
import { formatChange, formatKpi, formatKpiExact, TREND_ARROW, trendOf } from '../utils/kpi-format';

type KpiCardProps = {
  kpi: KpiKey;
  value: KpiValue | undefined;
  previousFrom: string;
  previousTo: string;
};

/** One KPI: label with its definition, the value, and the change against the previous period. */
export function KpiCard({ kpi, value, previousFrom, previousTo }: KpiCardProps) {
  const { t } = useTranslation();
  const f = useFormatters();
  const trend = trendOf(value?.change ?? null);
  const labelId = `kpi-${kpi}-label`;

  const changeTooltip = value ? (
    <div className="kpi-change-tip">
      <div>{t('kpi.previousPeriod', { from: f.day(previousFrom), to: f.day(previousTo) })}</div>
      <div>{t('kpi.previousValue', { value: formatKpiExact(kpi, value.previous, f) })}</div>
    </div>
  ) : null;

  const changeText = formatChange(value?.change ?? null, f);
  const trendWord = trend === 'up' ? t('kpi.up') : trend === 'down' ? t('kpi.down') : t('kpi.flat');

  return (
    <article className="kpi-card" data-testid={`kpi-${kpi}`} aria-labelledby={labelId}>
      <div className="kpi-head">
        <h3 id={labelId} className="kpi-label">
          {t(`kpi.${kpi}`)}
        </h3>
        <HintTooltip title={t(`kpi.hint.${kpi}`)}>
          <InfoCircleOutlined
            className="kpi-info"
            role="img"
            aria-label={t(`kpi.hint.${kpi}`)}
            tabIndex={0}
          />
        </HintTooltip>
      </div>
      {value ? (
        <>
          <HintTooltip title={formatKpiExact(kpi, value.value, f)} placement="topLeft">
            <div className="kpi-value" data-testid="kpi-value" tabIndex={0}>
              {formatKpi(kpi, value.value, f)}
            </div>
          </HintTooltip>
          <div className="kpi-foot">
            <HintTooltip title={changeTooltip} placement="bottomLeft" styles={{ root: { maxWidth: 380 } }}>
              <span
                className={`kpi-change trend-${trend}`}
                data-testid="kpi-change"
                data-trend={trend}
                tabIndex={0}
                aria-label={
                  trend === 'none'
                    ? `${t('kpi.vsPrevious')} ${t('kpi.noComparison')}`
                    : `${t('kpi.vsPrevious')} ${trendWord} ${changeText}`
                }
              >
                <span className="kpi-change-label kpi-change-label-long">{t('kpi.vsPrevious')}</span>
                <span className="kpi-change-label kpi-change-label-short">{t('kpi.vsPreviousShort')}</span>
                {trend === 'none' ? (
                  <span className="kpi-change-value">{t('kpi.noComparison')}</span>
                ) : (
                  <span className="kpi-change-value">
                    <span aria-hidden>{TREND_ARROW[trend]}</span> {changeText}
                  </span>
                )}
              </span>
            </HintTooltip>
          </div>
        </>
      ) : (
        <Skeleton active title={{ width: '70%' }} paragraph={{ rows: 1, width: '50%' }} />
      )}
    </article>
  );
}
