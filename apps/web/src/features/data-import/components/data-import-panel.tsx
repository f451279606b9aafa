import { Alert, Col, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useImportContext } from '../api/get-import-context';
import { JobSummary } from './job-summary';
import { JobsTable } from './jobs-table';
import { SyncCard } from './sync-card';
import { UploadCard } from './upload-card';
import './data-import.css';

/** The admin's data tab: upload with progress, the result, the folder sync and the import history. */
export function DataImportPanel({ csrfToken }: { csrfToken: string }) {
  const { t } = useTranslation();
  const context = useImportContext();
  const [selected, setSelected] = useState<number | null>(null);

  return (
    <div className="import-panel">
      {context.data?.demo ? (
        <Alert className="import-alert" type="info" showIcon message={t('dataImport.demoWarning')} />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <UploadCard csrfToken={csrfToken} onJob={setSelected} />
        </Col>
        <Col xs={24} xl={8}>
          <SyncCard csrfToken={csrfToken} onJob={setSelected} />
        </Col>
        {selected !== null ? (
          <Col xs={24}>
            <JobSummary jobId={selected} />
          </Col>
        ) : null}
        <Col xs={24}>
          <JobsTable onView={setSelected} selected={selected} />
        </Col>
      </Row>
    </div>
  );
}
