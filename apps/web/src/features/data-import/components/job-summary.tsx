import type { ImportJob } from '@portrait/shared/imports';
import { Alert, Card, Descriptions, Skeleton, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message';
import { currentLang } from '../../../lib/i18n';
import { formatDateTime } from '../../admin/components/users-panel';
import { isActive, useImportJob } from '../api/get-import-job';
import { countsRows, formatBytes, type CountsRow } from '../utils/job-view';
import { RejectsTable } from './rejects-table';

const STATUS_COLOR: Record<ImportJob['status'], string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  interrupted: 'warning',
};

export function JobStatusTag({ status }: { status: ImportJob['status'] }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`dataImport.status.${status}`)}</Tag>;
}

/** What one import did: rows per entity, notes, files and encodings, and its rejected rows. */
export function JobSummary({ jobId }: { jobId: number }) {
  const { t, i18n } = useTranslation();
  const locale = currentLang(i18n);
  const job = useImportJob(jobId);
  const n = (v: number) => v.toLocaleString(locale);

  if (job.isError) return <Alert type="error" showIcon message={errorMessage(job.error, t)} />;
  if (!job.data) return <Skeleton active />;
  const j = job.data;

  const columns: TableColumnsType<CountsRow> = [
    {
      title: t('dataImport.entity'),
      dataIndex: 'entity',
      key: 'entity',
      render: (e: CountsRow['entity']) => t(`dataImport.entities.${e}`),
    },
    ...(['read', 'inserted', 'updated', 'unchanged', 'rejected'] as const).map((k) => ({
      title: t(`dataImport.${k}`),
      dataIndex: k,
      key: k,
      align: 'right' as const,
      render: (v: number) =>
        k === 'rejected' && v > 0 ? <strong className="import-bad">{n(v)}</strong> : n(v),
    })),
  ];

  return (
    <Card
      className="admin-card import-summary"
      title={
        <span className="import-summary-title">
          {t('dataImport.summaryTitle', { id: j.id })} <JobStatusTag status={j.status} />
        </span>
      }
      data-testid="import-summary"
    >
      <p className="import-rows-line" data-testid="import-rows-line">
        {t('dataImport.rowsLine', {
          read: n(j.rowsRead),
          imported: n(j.rowsImported),
          rejected: n(j.rowsRejected),
        })}
        {j.durationMs !== null
          ? ` · ${t('dataImport.duration', { seconds: (j.durationMs / 1000).toFixed(1) })}`
          : ''}
        {j.quality ? ` · ${t(`dataImport.refreshMode.${j.quality.refresh}`)}` : ''}
      </p>
      {j.error ? <Alert className="import-alert" type="error" showIcon message={j.error} /> : null}
      {!isActive(j) && countsRows(j).length > 0 ? (
        <Table<CountsRow>
          data-testid="import-counts"
          rowKey="entity"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={countsRows(j)}
          scroll={{ x: 'max-content' }}
        />
      ) : null}
      {j.quality && j.quality.customerStubs > 0 ? (
        <p className="admin-muted">{t('dataImport.stubs', { count: j.quality.customerStubs })}</p>
      ) : null}
      {j.warnings.length > 0 ? (
        <Alert
          className="import-alert"
          type="warning"
          showIcon
          message={t('dataImport.warnings')}
          description={
            <ul className="import-warnings">
              {j.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Descriptions
        className="import-files"
        size="small"
        column={1}
        title={t('dataImport.files')}
        items={j.files.map((f) => ({
          key: f.name,
          label: f.name,
          children: [
            f.entity ? t(`dataImport.entities.${f.entity}`) : '—',
            formatBytes(f.bytes, locale),
            f.encoding ? `${t('dataImport.encoding')} ${f.encoding}` : null,
          ]
            .filter(Boolean)
            .join(' · '),
        }))}
      />
      <p className="admin-muted">
        {t(`dataImport.source.${j.source}`)} · {j.createdBy ?? ''} · {formatDateTime(j.createdAt, locale)}
      </p>
      {!isActive(j) ? <RejectsTable jobId={j.id} total={j.rowsRejected} /> : null}
    </Card>
  );
}
