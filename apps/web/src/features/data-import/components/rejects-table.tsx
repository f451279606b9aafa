import { DownloadOutlined } from '@ant-design/icons';
import type { RejectedRow } from '@portrait/shared/imports';
import { Button, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rejectsCsvUrl, useImportRejects } from '../api/get-import-rejects';

/** The rejected rows of one job, paged, each with its file, line, reason and the raw text; CSV download. */
export function RejectsTable({ jobId, total }: { jobId: number; total: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const rejects = useImportRejects(jobId, page, pageSize, total > 0);

  const columns: TableColumnsType<RejectedRow> = [
    { title: t('dataImport.file'), dataIndex: 'file', key: 'file' },
    { title: t('dataImport.line'), dataIndex: 'line', key: 'line', align: 'right' },
    {
      title: t('dataImport.reason'),
      dataIndex: 'reason',
      key: 'reason',
      render: (reason: RejectedRow['reason'], row) => (
        <Tooltip title={row.message}>
          <Tag color="orange">{t(`dataImport.reasons.${reason}`)}</Tag>
        </Tooltip>
      ),
    },
    { title: t('dataImport.message'), dataIndex: 'message', key: 'message', className: 'import-message' },
    {
      title: t('dataImport.raw'),
      dataIndex: 'raw',
      key: 'raw',
      render: (raw: string) => (
        <code className="import-raw" title={raw}>
          {raw}
        </code>
      ),
    },
  ];

  return (
    <section className="import-rejects" aria-label={t('dataImport.rejectsTitle')}>
      <div className="import-section-head">
        <h4>{t('dataImport.rejectsTitle')}</h4>
        {total > 0 ? (
          <Button
            icon={<DownloadOutlined />}
            href={rejectsCsvUrl(jobId)}
            download
            data-testid="import-rejects-download"
          >
            {t('dataImport.download')}
          </Button>
        ) : null}
      </div>
      {total === 0 ? (
        <p className="admin-muted">{t('dataImport.noRejects')}</p>
      ) : (
        <Table<RejectedRow>
          data-testid="import-rejects-table"
          rowKey="id"
          size="small"
          loading={rejects.isFetching}
          columns={columns}
          dataSource={rejects.data?.rows ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: rejects.data?.total ?? total,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (n) => t('dataImport.total', { count: n }),
            onChange: (p, s) => {
              setPage(s !== pageSize ? 1 : p);
              setPageSize(s);
            },
          }}
        />
      )}
    </section>
  );
}
