import { InfoCircleOutlined } from '@ant-design/icons';
import type { CustomerValue } from '@portrait/shared/customer360';
import { Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../lib/use-formatters';

type CardKey = 'totalSpent' | 'orders' | 'avgOrderValue' | 'lifetime' | 'perMonth' | 'rfmScore';

function ValueCard({ k, value, sub }: { k: CardKey; value: ReactNode; sub?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <article className="value-card" data-testid={`value-${k}`}>
      <div className="value-card-head">
        <h3 className="value-card-label">{t(`customer360.value.${k}`)}</h3>
        <Tooltip title={t(`customer360.value.hint.${k}`)}>
          <InfoCircleOutlined
            className="kpi-info"
            role="img"
            aria-label={t(`customer360.value.hint.${k}`)}
            tabIndex={0}
          />
        </Tooltip>
      </div>
      <div className="value-card-value">{value}</div>
      {sub ? <div className="value-card-sub">{sub}</div> : null}
    </article>
  );
}

/** The Customer 360 value (PRODUCT §4) as six figures. */
export function ValueCards({ value }: { value: CustomerValue }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const ago =
    value.recency_days === null
      ? null
      : value.recency_days === 0
        ? t('customer360.value.today')
        : t('customer360.value.daysAgo', { count: value.recency_days });
  return (
    <section className="value-cards" aria-label={t('customer360.value.title')} data-testid="value-cards">
      <ValueCard
        k="totalSpent"
        value={f.currency(value.total_spent)}
        sub={
          value.last_order_day
            ? `${t('customer360.value.lastOrder', { day: f.day(value.last_order_day) })} · ${ago}`
            : t('customer360.value.noOrders')
        }
      />
      <ValueCard k="orders" value={f.integer(value.total_orders)} />
      <ValueCard k="avgOrderValue" value={f.currency(value.avg_order_value)} />
      <ValueCard
        k="lifetime"
        value={
          value.customer_lifetime_days === null
            ? '—'
            : t('customer360.value.lifetimeDays', { count: value.customer_lifetime_days })
        }
        sub={
          value.first_order_day
            ? t('customer360.value.firstOrder', { day: f.day(value.first_order_day) })
            : undefined
        }
      />
      <ValueCard
        k="perMonth"
        value={value.order_frequency_per_month.toLocaleString(f.lang, { maximumFractionDigits: 2 })}
      />
      <ValueCard
        k="rfmScore"
        value={value.rfm_score.toLocaleString(f.lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}
      />
    </section>
  );
}
