import { SyncOutlined } from '@ant-design/icons';
import { App, Button, Card, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message';
import { currentLang } from '../../../lib/i18n';
import { formatDateTime } from '../../admin/components/users-panel';
import { useSyncStatus } from '../api/get-sync-status';
import { useStartSync } from '../api/start-sync';

/** The watched folder: its schedule, the last sync, and "sync now". */
export function SyncCard({ csrfToken, onJob }: { csrfToken: string; onJob: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const locale = currentLang(i18n);
  const { message } = App.useApp();
  const status = useSyncStatus();
  const start = useStartSync();
  const s = status.data;

  const syncNow = () =>
    start.mutate(csrfToken, {
      onSuccess: (result) => {
        if (result.job) onJob(result.job.id);
        void message.info(result.job ? t('dataImport.syncStarted') : result.message);
      },
      onError: (err) => void message.error(errorMessage(err, t)),
    });

  return (
    <Card className="admin-card" title={t('dataImport.syncTitle')} data-testid="import-sync">
      {!s ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : !s.configured ? (
        <p className="admin-muted">{t('dataImport.syncNotConfigured')}</p>
      ) : (
        <div className="import-sync">
          <ul className="import-sync-facts">
            <li>{t('dataImport.syncSchedule', { cron: s.cron })}</li>
            {s.nextRunAt ? (
              <li>{t('dataImport.syncNext', { at: formatDateTime(s.nextRunAt, locale) })}</li>
            ) : null}
            <li>
              {s.lastJob
                ? t('dataImport.syncLast', {
                    at: formatDateTime(s.lastJob.finishedAt ?? s.lastJob.createdAt, locale),
                    status: t(`dataImport.status.${s.lastJob.status}`),
                  })
                : t('dataImport.syncNever')}
            </li>
          </ul>
          <Button
            icon={<SyncOutlined spin={s.busy} />}
            onClick={syncNow}
            loading={start.isPending}
            disabled={s.busy}
            data-testid="import-sync-now"
          >
            {s.busy ? t('dataImport.syncBusy') : t('dataImport.syncNow')}
          </Button>
        </div>
      )}
    </Card>
  );
}
