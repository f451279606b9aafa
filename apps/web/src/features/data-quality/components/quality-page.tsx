import { ReloadOutlined } from '@ant-design/icons';
import type { DataQuality } from '@portrait/shared/imports';
import {
  Alert,
  Badge,
  Button,
  Card,
  Col,
  Result,
  Row,
  Skeleton,
  Spin,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../../lib/error-message';
import { currentLang } from '../../../lib/i18n';
import { useFormatters } from '../../../lib/use-formatters';
import { formatDateTime } from '../../admin/components/users-panel';
import { useMe } from '../../auth/api/get-me';
import { useDataQuality } from '../api/get-data-quality';
import { issueCount, qualitySections, type QualityRow, type QualitySection } from '../utils/quality-rows';
import './quality-page.css';

/** A share with one decimal; a few rows among many read "<0.1%", never a misleading "0.0%". */
export function shareText(
  count: number,
  of: number,
  percent: (share: number, digits?: number) => string,
): string {
  if (of <= 0 || count === 0) return percent(0, 1);
  const share = count / of;
  return share < 0.001 ? `<${percent(0.001, 1)}` : percent(share, 1);
}

const SECTIONS: QualitySection[] = ['completeness', 'duplicates', 'outliers', 'orphans'];
type ImportRow = DataQuality['imports'][number];

function SectionCard({
  section,
  rows,
  fence,
}: {
  section: QualitySection;
  rows: QualityRow[];
  fence: string;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  const issues = issueCount(rows);
  return (
    <Card
      className="quality-card"
      title={
        <span className="quality-card-title">
          {t(`dataQuality.${section}`)}
          <Badge count={issues} overflowCount={999999} showZero color={issues > 0 ? '#fa8c16' : '#52c41a'} />
        </span>
      }
      data-testid={`quality-${section}`}
    >
      <ul className="quality-rows">
        {rows.map((r) => (
          <li
            key={r.key}
            className={r.count > 0 && !r.neutral ? 'quality-row quality-row-issue' : 'quality-row'}
          >
            <span className="quality-label">
              {t(`dataQuality.${r.key}` as 'dataQuality.aboveNorm', { fence })}
              {r.examples.length > 0 ? (
                <span className="quality-examples">
                  {t('dataQuality.examples', { ids: r.examples.join(', ') })}
                </span>
              ) : null}
            </span>
            <span className="quality-value">
              {f.integer(r.count)}
              {r.of ? (
                <span className="quality-share">{f.percent(r.of > 0 ? r.count / r.of : 0, 1)}</span>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** The data-quality report: four sections over all the data, then the recent imports' own figures. */
export function QualityPage() {
  const { t, i18n } = useTranslation();
  const locale = currentLang(i18n);
  const f = useFormatters();
  const me = useMe();
  const report = useDataQuality();
  const role = me.data?.user.role;

  if (role !== 'admin' && role !== 'analyst')
    return (
      <Result
        status="403"
        title={t('dataQuality.forbiddenTitle')}
        subTitle={t('dataQuality.forbiddenSubtitle')}
        extra={
          <Link to="/">
            <Button type="primary">{t('admin.backHome')}</Button>
          </Link>
        }
      />
    );
  if (report.isError)
    return (
      <Result
        status="warning"
        title={t('dataQuality.loadError')}
        subTitle={errorMessage(report.error, t)}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void report.refetch()}>
            {t('state.retry')}
          </Button>
        }
      />
    );

  const q = report.data;
  // While the current data's report is computed, the previous version's (if any) is shown, marked as such.
  const shown = q ? (q.overall ?? q.previous) : null;
  const importColumns: TableColumnsType<ImportRow> = [
    { title: t('dataQuality.importId'), dataIndex: 'id', key: 'id', render: (id: number) => `#${id}` },
    {
      title: t('dataImport.createdAt'),
      dataIndex: 'finishedAt',
      key: 'at',
      render: (v: string | null) => formatDateTime(v, locale),
    },
    {
      title: t('dataImport.jobSource'),
      dataIndex: 'source',
      key: 'source',
      render: (v: ImportRow['source']) => t(`dataImport.source.${v}`),
    },
    {
      title: t('dataImport.read'),
      dataIndex: 'rowsRead',
      key: 'read',
      align: 'right',
      render: (v: number) => f.integer(v),
    },
    {
      title: t('dataQuality.rejectedShare'),
      key: 'rejected',
      align: 'right',
      render: (_, r) =>
        `${f.integer(r.rowsRejected)} (${f.percent(r.rowsRead ? r.rowsRejected / r.rowsRead : 0, 1)})`,
    },
    {
      title: t('dataQuality.importIssues'),
      key: 'issues',
      render: (_, r) => (
        <span className="quality-tags">
          {Object.entries(r.quality?.rejectedByReason ?? {}).map(([reason, n]) => (
            <Tag
              key={reason}
              color="orange"
            >{`${t(`dataImport.reasons.${reason}` as 'dataImport.reasons.bad_csv')} ${f.integer(n)}`}</Tag>
          ))}
          {r.quality && r.quality.orders.nonPositiveAmount + r.quality.orders.aboveNorm > 0 ? (
            <Tag>{`${t('dataQuality.outliers')} ${f.integer(r.quality.orders.nonPositiveAmount + r.quality.orders.aboveNorm)}`}</Tag>
          ) : null}
          {r.quality && r.quality.customerStubs > 0 ? (
            <Tag>{`${t('dataQuality.stubs')} ${f.integer(r.quality.customerStubs)}`}</Tag>
          ) : null}
        </span>
      ),
    },
  ];

  return (
    <div className="page quality-page" data-testid="quality-page">
      <div className="admin-page-head">
        <h2 className="admin-page-title">{t('dataQuality.title')}</h2>
        <Link to="/">{t('admin.backHome')}</Link>
      </div>
      <p className="quality-intro">
        {t('dataQuality.intro')}
        {shown
          ? ` ${t('dataQuality.asOf', { version: shown.dataVersion, at: formatDateTime(shown.computedAt, locale) })}`
          : ''}
        {q?.context.demo ? <Tag className="quality-demo-tag">{t('dataQuality.demoNote')}</Tag> : null}
      </p>
      {q?.state === 'computing' ? (
        <Alert
          className="quality-computing"
          data-testid="quality-computing"
          type={q.previous ? 'warning' : 'info'}
          showIcon
          icon={<Spin size="small" />}
          message={t('dataQuality.computingTitle', { version: q.dataVersion })}
          description={
            q.previous
              ? t('dataQuality.computingPrevious', { version: q.previous.dataVersion })
              : t('dataQuality.computingFirst')
          }
        />
      ) : null}
      {!q ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          {shown ? (
            <p className="admin-muted">
              {t('dataQuality.normHint', { median: f.currency(shown.norm.median) })}
            </p>
          ) : null}
          <Row gutter={[16, 16]}>
            {shown
              ? SECTIONS.map((section) => (
                  <Col key={section} xs={24} lg={12}>
                    <SectionCard
                      section={section}
                      rows={qualitySections(shown)[section]}
                      fence={f.currency(shown.norm.fence)}
                    />
                  </Col>
                ))
              : null}
            <Col xs={24}>
              <Card className="admin-card" title={t('dataQuality.importsTitle')}>
                {q.imports.length === 0 ? (
                  <p className="admin-muted">{t('dataQuality.noImports')}</p>
                ) : (
                  <Table<ImportRow>
                    data-testid="quality-imports"
                    rowKey="id"
                    size="small"
                    pagination={false}
                    columns={importColumns}
                    dataSource={q.imports}
                    scroll={{ x: 'max-content' }}
                  />
                )}
              </Card>
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}
