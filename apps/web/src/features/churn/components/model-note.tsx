import { SyncOutlined } from '@ant-design/icons';
import type { ModelInfo } from '@portrait/shared/models';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../lib/use-formatters';
import { modelAgeText } from '../utils/model-age';

/** How old the model is and whether a refit is on its way. */
export function ModelNote({ model }: { model: ModelInfo }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const stale = model.refitting || !model.current;
  return (
    <div className="model-note" data-testid="model-note">
      {stale ? (
        <span className="model-note-refit">
          <SyncOutlined spin aria-hidden /> {t('churn.refitting')}
        </span>
      ) : null}
      <span>
        {t('churn.modelAge', {
          age: modelAgeText(model.ageSeconds, t),
          day: model.asOfDay ? f.shortDay(model.asOfDay) : '—',
        })}
      </span>
    </div>
  );
}

/** Body of a model panel when the last fit failed and nothing older can be shown (e.g. no orders yet). */
export function FitFailedMessage({ error, height }: { error: string; height: number }) {
  const { t } = useTranslation();
  return (
    <div className="panel-message" style={{ height }} role="status" data-testid="model-failed">
      <div className="panel-message-title">{t('churn.failed')}</div>
      <div className="panel-message-hint">{t('churn.failedDetail', { error })}</div>
    </div>
  );
}

/** Body of a model panel while the first fit runs (the query polls until it is done). */
export function FittingMessage({ text, height }: { text: string; height: number }) {
  return (
    <div className="panel-message" style={{ height }} role="status" data-testid="model-fitting">
      <SyncOutlined spin className="panel-message-icon" aria-hidden />
      <div className="panel-message-hint">{text}</div>
    </div>
  );
}
