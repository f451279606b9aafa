import type { ImportJob } from '@portrait/shared/imports';
import { Button, Card, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message';
import { currentLang } from '../../../lib/i18n';
import { formatDateTime } from '../../admin/components/users-panel';
import { useImportJobs } from '../api/get-import-jobs';
import { JobStatusTag } from './job-summary';

/** Every import (web, command line, sync), newest first; "view" opens its summary. */
export function JobsTable({ onView, selected }: { onView: (id: number) => void; selected: number | null }) {
  const { t, i18n } = useTranslation();
  const locale = currentLang(i18n);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const jobs = useImportJobs(page, pageSize);

  const columns: TableColumnsType<ImportJob> = [
    { title: t('dataImport.jobId'), dataIndex: 'id', key: 'id' },
    {
      title: t('dataImport.createdAt'),
      dataIndex: 'createdAt',
      key: 'at',
      render: (v: string) => formatDateTime(v, locale),
    },
    {
      title: t('dataImport.jobSource'),
      dataIndex: 'source',
      key: 'source',
      render: (v: ImportJob['source']) => t(`dataImport.source.${v}`),
    },
    {
      title: t('dataImport.createdBy'),
      dataIndex: 'createdBy',
      key: 'by',
      render: (v: string | null) => v ?? '',
    },
    {
      title: t('dataImport.jobStatus'),
      dataIndex: 'status',
      key: 'status',
      render: (v: ImportJob['status']) => <JobStatusTag status={v} />,
    },
    {
      title: t('dataImport.jobRows'),
      key: 'rows',
      align: 'right',
      render: (_, j) =>
        `${j.rowsImported.toLocaleString(locale)} / ${j.rowsRead.toLocaleString(locale)}${
          j.rowsRejected > 0 ? ` (−${j.rowsRejected.toLocaleString(locale)})` : ''
        }`,
    },
    {
      title: '',
      key: 'view',
      render: (_, j) => (
        <Button size="small" type={selected === j.id ? 'primary' : 'default'} onClick={() => onView(j.id)}>
          {t('dataImport.view')}
        </Button>
      ),
    },
  ];

  return (
    <Card className="admin-card" title={t('dataImport.jobsTitle')}>
      {jobs.isError ? (
        <p className="import-bad">{`${t('dataImport.loadError')}: ${errorMessage(jobs.error, t)}`}</p>
      ) : (
        <Table<ImportJob>
          data-testid="import-jobs-table"
          rowKey="id"
          size="small"
          loading={jobs.isFetching && !jobs.data}
          columns={columns}
          dataSource={jobs.data?.jobs ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: jobs.data?.total ?? 0,
            showTotal: (n) => t('dataImport.total', { count: n }),
            onChange: (p, s) => {
              setPage(s !== pageSize ? 1 : p);
              setPageSize(s);
            },
          }}
        />
      )}
    </Card>
  );
}
