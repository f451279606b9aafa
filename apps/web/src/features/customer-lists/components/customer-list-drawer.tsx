import { DownloadOutlined, ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { SegmentCustomer } from '@portrait/shared/customers';
import type { RiskBandKey } from '@portrait/shared/models';
import { Button, Drawer, Result, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../../lib/error-message';
import { currentLang } from '../../../lib/i18n';
import { useFormatters } from '../../../lib/use-formatters';
import { useSegmentCustomers } from '../api/get-segment-customers';
import { useSuggestionCustomers } from '../api/get-suggestion-customers';
import { csvUrl, PAGE_SIZE, segmentTitle, sourceKey, type CustomerListSource } from '../utils/list-source';
import './customer-lists.css';

const BAND_COLORS: Record<RiskBandKey, string> = { low: 'success', medium: 'warning', high: 'error' };

/** The customer's churn band from the latest model run (risk in the tooltip); a quiet tag when unscored. */
function RiskTag({ customer }: { customer: SegmentCustomer }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { riskBand, churnRisk } = customer;
  if (riskBand === null || churnRisk === null)
    return (
      <Tag className="customer-risk" title={t('customerLists.unscoredTitle')} data-testid="customer-risk">
        {t('customerLists.unscored')}
      </Tag>
    );
  return (
    <Tag
      color={BAND_COLORS[riskBand]}
      className="customer-risk"
      title={t('customerLists.riskTitle', { risk: f.percent(churnRisk, 0) })}
      data-testid="customer-risk"
      data-band={riskBand}
    >
      {t(`customerLists.bands.${riskBand}`)}
    </Tag>
  );
}

type PageQuery = {
  data: { total: number; customers: SegmentCustomer[] } | undefined;
  isFetching: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
};

type CustomerListDrawerProps = {
  source: CustomerListSource | null;
  onClose: () => void;
  compact: boolean;
};

/**
 * The customers of a segment or of a suggestion's target: one page at a time (each look is audited), masked by
 * the BFF for all but admins, each row linking to the Customer 360 page, with the CSV export.
 */
export function CustomerListDrawer({ source, onClose, compact }: CustomerListDrawerProps) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const title = !source
    ? ''
    : source.kind === 'segment'
      ? t('customerLists.segmentTitle', { segment: segmentTitle(source.segment, lang) })
      : t('customerLists.suggestionTitle', { title: source.title });

  return (
    <Drawer
      open={source !== null}
      onClose={onClose}
      size={compact ? '100%' : 760}
      placement="right"
      destroyOnHidden
      title={<span data-testid="customer-list-title">{title}</span>}
      closable={{ 'aria-label': t('customerLists.close') }}
      extra={
        source ? (
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            href={csvUrl(source, lang)}
            download
            data-testid="customer-list-export"
          >
            {t('customerLists.export')}
          </Button>
        ) : null
      }
    >
      {source?.kind === 'segment' ? (
        <SegmentPages key={sourceKey(source)} source={source} compact={compact} />
      ) : source?.kind === 'suggestion' ? (
        <SuggestionPages key={sourceKey(source)} id={source.id} compact={compact} />
      ) : null}
    </Drawer>
  );
}

function SegmentPages({
  source,
  compact,
}: {
  source: Extract<CustomerListSource, { kind: 'segment' }>;
  compact: boolean;
}) {
  const [page, setPage] = useState(1);
  const query = useSegmentCustomers({
    segment: source.segment,
    scope: source.scope,
    page,
    pageSize: PAGE_SIZE,
  });
  return <CustomerTable query={query} page={page} onPage={setPage} compact={compact} />;
}

function SuggestionPages({ id, compact }: { id: number; compact: boolean }) {
  const [page, setPage] = useState(1);
  const query = useSuggestionCustomers({ id, page, pageSize: PAGE_SIZE });
  return <CustomerTable query={query} page={page} onPage={setPage} compact={compact} />;
}

function CustomerTable({
  query,
  page,
  onPage,
  compact,
}: {
  query: PageQuery;
  page: number;
  onPage: (page: number) => void;
  compact: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormatters();

  if (query.isError && !query.data) {
    return (
      <Result
        status="warning"
        title={t('customerLists.loadError')}
        subTitle={errorMessage(query.error, t)}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()}>
            {t('state.retry')}
          </Button>
        }
      />
    );
  }

  const who: TableColumnsType<SegmentCustomer>[number] = {
    title: t('customerLists.customer'),
    key: 'customer',
    render: (_: unknown, c: SegmentCustomer) => (
      <div className="customer-cell">
        <Link to={`/customers/${encodeURIComponent(c.customerId)}`} data-testid="customer-link">
          {c.name ?? t('customerLists.noName')}
        </Link>
        <span className="customer-cell-meta">
          {c.customerId}
          {compact && c.phone ? ` · ${c.phone}` : ''}
        </span>
        {compact ? <RiskTag customer={c} /> : null}
      </div>
    ),
  };
  const columns: TableColumnsType<SegmentCustomer> = compact
    ? [
        who,
        {
          title: t('customerLists.revenue'),
          key: 'revenue',
          align: 'right',
          render: (_: unknown, c: SegmentCustomer) => (
            <div className="customer-cell customer-cell-right">
              <span>{f.currency(c.revenue)}</span>
              <span className="customer-cell-meta">
                {t('customerLists.orders')} {f.integer(c.orders)} ·{' '}
                {t('customerLists.recencyDays', { count: c.recencyDays })}
              </span>
            </div>
          ),
        },
      ]
    : [
        who,
        {
          title: t('customerLists.phone'),
          dataIndex: 'phone',
          key: 'phone',
          render: (v: string | null) => v ?? '',
        },
        {
          title: t('customerLists.memberLevel'),
          dataIndex: 'memberLevel',
          key: 'memberLevel',
          render: (v: string | null) => v ?? '',
        },
        {
          title: t('customerLists.orders'),
          dataIndex: 'orders',
          key: 'orders',
          align: 'right',
          render: (v: number) => f.integer(v),
        },
        {
          title: t('customerLists.revenue'),
          dataIndex: 'revenue',
          key: 'revenue',
          align: 'right',
          render: (v: number) => f.currency(v),
        },
        {
          title: t('customerLists.risk'),
          key: 'risk',
          render: (_: unknown, c: SegmentCustomer) => <RiskTag customer={c} />,
        },
        {
          title: t('customerLists.lastDay'),
          dataIndex: 'lastDay',
          key: 'lastDay',
          render: (v: string, c: SegmentCustomer) => (
            <span title={t('customerLists.recencyDays', { count: c.recencyDays })}>{f.shortDay(v)}</span>
          ),
        },
      ];

  return (
    <div className="customer-list" data-testid="customer-list">
      <div className="customer-list-head">
        <strong data-testid="customer-list-total">
          {query.data ? t('customerLists.total', { count: query.data.total }) : '\u00a0'}
        </strong>
        <span className="customer-list-note">
          <SafetyCertificateOutlined aria-hidden /> {t('customerLists.masked')}
        </span>
      </div>
      <Table<SegmentCustomer>
        rowKey="customerId"
        size="small"
        data-testid="customer-list-table"
        loading={query.isFetching}
        columns={columns}
        dataSource={query.data?.customers ?? []}
        locale={{ emptyText: t('customerLists.empty') }}
        scroll={compact ? undefined : { x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: query.data?.total ?? 0,
          showSizeChanger: false,
          size: 'small',
          simple: compact,
          onChange: onPage,
        }}
      />
    </div>
  );
}
