import { RightOutlined } from '@ant-design/icons';
import type { SlippingCustomer } from '@portrait/shared/models';
import type { Scope } from '@portrait/shared/scope';
import { Empty, Pagination, Tag } from 'antd';
import { useState, useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ChartCard } from '../../../components/chart-card';
import { panelState } from '../../../lib/panel-state';
import { useFormatters } from '../../../lib/use-formatters';
import { useSlippingAway } from '../api/get-slipping-away';
import { RISK_COLORS } from '../utils/build-churn-gauge-option';
import { riskText } from '../utils/model-age';
import { SLIPPING_BODY_HEIGHT } from '../utils/panel-heights';
import { FitFailedMessage, FittingMessage } from './model-note';
import './churn.css';

const PAGE_SIZE = 6;

/**
 * Valuable customers slipping away (masked by the BFF for all but admin), each linking to Customer 360.
 * Never rendered for executives: the route refuses them.
 */
export function SlippingAwayPanel({ scope, compact }: { scope: Scope; compact: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState({ key: JSON.stringify(scope), page: 1 });
  // A new scope starts again from the first page.
  const current = page.key === JSON.stringify(scope) ? page.page : 1;
  const query = useSlippingAway(scope, { page: current, pageSize: PAGE_SIZE });
  // The answer renders in interruptible slices (see KpiCards), not as one blocking render.
  const data = useDeferredValue(query.data);
  const state = panelState({ data, isError: query.isError }, () => false);
  const height = compact ? SLIPPING_BODY_HEIGHT.compact : SLIPPING_BODY_HEIGHT.regular;

  return (
    <ChartCard
      name="slipping"
      title={t('churn.slipping.title')}
      subtitle={
        data?.status === 'ready' && data.total > 0
          ? t('churn.slipping.total', { count: data.total })
          : undefined
      }
      state={state}
      refreshing={query.isPlaceholderData}
      error={query.error}
      onRetry={() => void query.refetch()}
      bodyHeight={height}
    >
      {data?.status === 'fitting' ? <FittingMessage text={t('churn.fitting')} height={height} /> : null}
      {data?.status === 'failed' ? <FitFailedMessage error={data.error} height={height} /> : null}
      {data?.status === 'ready' ? (
        data.total === 0 ? (
          <div className="panel-message" style={{ height }}>
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                <>
                  <span className="panel-message-title">{t('churn.slipping.empty')}</span>
                  <span className="panel-message-hint">{t('churn.slipping.emptyHint')}</span>
                </>
              }
            />
          </div>
        ) : (
          <div className="slip-body" style={{ minHeight: height }}>
            <p className="slip-explain">{t('churn.slipping.subtitle')}</p>
            <ol className="slip-list" data-testid="slipping-list">
              {data.customers.map((c) => (
                <SlippingItem key={c.customerId} customer={c} />
              ))}
            </ol>
            {data.total > PAGE_SIZE ? (
              <Pagination
                className="slip-pages"
                size="small"
                simple={compact}
                current={current}
                pageSize={PAGE_SIZE}
                total={data.total}
                showSizeChanger={false}
                onChange={(next) => setPage({ key: JSON.stringify(scope), page: next })}
              />
            ) : null}
          </div>
        )
      ) : null}
    </ChartCard>
  );
}

function SlippingItem({ customer: c }: { customer: SlippingCustomer }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const who = c.name ?? c.customerId;
  return (
    <li className="slip-item" data-testid="slipping-item">
      <Link
        to={`/customers/${encodeURIComponent(c.customerId)}`}
        className="slip-link"
        aria-label={`${t('churn.slipping.open')}: ${who}`}
      >
        <div className="slip-main">
          <div className="slip-name">
            <span>{who}</span>
            {c.memberLevel ? <Tag className="slip-tag">{c.memberLevel}</Tag> : null}
          </div>
          <div className="slip-meta">
            {[
              c.phone,
              t('churn.slipping.lastVisit', { days: c.daysSince }),
              t('churn.slipping.visits', { count: c.visits12m }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </div>
        </div>
        <div className="slip-figures">
          <div className="slip-spend" title={t('churn.slipping.spend')}>
            {f.currencyCompact(c.spend12m)}
          </div>
          <div className="slip-risk" style={{ color: RISK_COLORS.high }} title={t('churn.slipping.risk')}>
            {t('churn.slipping.risk')} {riskText(c.churnRisk, f)}
          </div>
        </div>
        <RightOutlined className="slip-chevron" aria-hidden />
      </Link>
    </li>
  );
}
