import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Space, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message';
import { currentLang } from '../../../lib/i18n';
import { useImportJob } from '../api/get-import-job';
import { useUploadImport } from '../api/upload-import';
import { formatBytes, progressOf } from '../utils/job-view';

type Props = { csrfToken: string; onJob: (id: number) => void };

/** Drag files in, upload them with a progress bar that goes on through the import itself. */
export function UploadCard({ csrfToken, onJob }: Props) {
  const { t, i18n } = useTranslation();
  const locale = currentLang(i18n);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [share, setShare] = useState<number | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const upload = useUploadImport();
  const job = useImportJob(jobId);
  const progress = progressOf(share, job.data);
  const busy =
    upload.isPending ||
    progress.step === 'waiting' ||
    progress.step === 'staging' ||
    progress.step === 'merging';
  const totalBytes = files.reduce((s, f) => s + (f.size ?? 0), 0);

  const start = () => {
    const chosen = files.flatMap((f) => (f.originFileObj ? [f.originFileObj as File] : []));
    setShare(0);
    setJobId(null);
    upload.mutate(
      { files: chosen, csrfToken, onProgress: setShare },
      {
        onSuccess: (created) => {
          setJobId(created.id);
          setFiles([]);
          onJob(created.id);
        },
        onError: () => setShare(null),
      },
    );
  };

  const stepText =
    progress.step === 'uploading'
      ? t('dataImport.uploading', { percent: Math.round((share ?? 0) * 100) })
      : progress.step === 'done' || progress.step === 'failed'
        ? t(`dataImport.status.${job.data?.status ?? 'succeeded'}`)
        : t(`dataImport.${progress.step}`);

  return (
    <Card className="admin-card import-card" title={t('dataImport.uploadTitle')} data-testid="import-upload">
      <Upload.Dragger
        multiple
        accept=".csv,.gz"
        fileList={files}
        beforeUpload={() => false}
        onChange={({ fileList }) => setFiles(fileList)}
        disabled={busy}
        data-testid="import-dropzone"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined aria-hidden />
        </p>
        <p className="ant-upload-text">{t('dataImport.dropHint')}</p>
        <p className="ant-upload-hint">{t('dataImport.dropDetail')}</p>
      </Upload.Dragger>
      <Space className="import-actions" wrap>
        <Button
          type="primary"
          icon={<CloudUploadOutlined />}
          disabled={files.length === 0 || busy}
          loading={upload.isPending}
          onClick={start}
          data-testid="import-start"
        >
          {t('dataImport.start')}
        </Button>
        <Button disabled={files.length === 0 || busy} onClick={() => setFiles([])}>
          {t('dataImport.clear')}
        </Button>
        {files.length > 0 ? (
          <span className="admin-muted">
            {t('dataImport.selected', { count: files.length, size: formatBytes(totalBytes, locale) })}
          </span>
        ) : null}
      </Space>
      {share !== null ? (
        <div className="import-progress" role="status" aria-live="polite" data-testid="import-progress">
          <Progress
            percent={progress.percent}
            status={
              progress.step === 'failed' ? 'exception' : progress.step === 'done' ? 'success' : 'active'
            }
          />
          <span className="import-progress-text">
            {stepText}
            {job.data && progress.step === 'staging'
              ? ` · ${t('dataImport.progressRows', { rows: job.data.rowsRead.toLocaleString(locale) })}`
              : ''}
          </span>
        </div>
      ) : null}
      {upload.isError ? (
        <Alert
          className="import-alert"
          type="error"
          showIcon
          message={t('dataImport.uploadFailed')}
          description={errorMessage(upload.error, t)}
        />
      ) : null}
    </Card>
  );
}
