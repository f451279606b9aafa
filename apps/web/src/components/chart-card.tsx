import { ExclamationCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Empty } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/error-message';
import type { PanelState } from '../lib/panel-state';

export type ChartCardProps = {
  /** `panel-<name>` is the card's test id. */
  name: string;
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  state: PanelState;
  /** A newer scope is loading while the previous data stays on screen (`data-state` says `loading`). */
  refreshing?: boolean;
  error?: unknown;
  onRetry?: () => void;
  /** Height of the body in every state, so the grid never jumps. */
  bodyHeight: number;
  children?: ReactNode;
};

/** The frame of every dashboard panel: title, extra controls and the loading / empty / error / ready states. */
export function ChartCard({
  name,
  title,
  subtitle,
  extra,
  state,
  refreshing = false,
  error,
  onRetry,
  bodyHeight,
  children,
}: ChartCardProps) {
  const { t } = useTranslation();
  const headingId = `panel-${name}-title`;

  return (
    <section
      className="chart-card"
      data-testid={`panel-${name}`}
      // Tests wait for a settled panel: while a new scope loads over the old figures it reports `loading`.
      data-state={refreshing && state !== 'error' ? 'loading' : state}
      aria-busy={refreshing || state === 'loading'}
      aria-labelledby={headingId}
    >
      <header className="chart-card-head">
        <div className="chart-card-heading">
          <h2 id={headingId} className="chart-card-title">
            {title}
          </h2>
          {subtitle ? <div className="chart-card-subtitle">{subtitle}</div> : null}
        </div>
        {extra ? <div className="chart-card-extra">{extra}</div> : null}
      </header>
      <div className="chart-card-body" style={{ minHeight: bodyHeight }}>
        {refreshing && state !== 'loading' ? <div className="refresh-bar" aria-hidden /> : null}
        {state === 'loading' ? (
          <div
            className="skeleton-block"
            style={{ height: bodyHeight }}
            role="status"
            aria-label={t('state.loading')}
          />
        ) : state === 'empty' ? (
          <div className="panel-message" style={{ height: bodyHeight }}>
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                <>
                  <span className="panel-message-title">{t('state.empty')}</span>
                  <span className="panel-message-hint">{t('state.emptyHint')}</span>
                </>
              }
            />
          </div>
        ) : state === 'error' ? (
          <div className="panel-message" style={{ height: bodyHeight }} role="alert">
            <ExclamationCircleOutlined className="panel-message-icon" aria-hidden />
            <div className="panel-message-title">{t('state.error')}</div>
            <div className="panel-message-hint" data-testid="panel-error-message">
              {errorMessage(error, t)}
            </div>
            {onRetry ? (
              <Button icon={<ReloadOutlined />} onClick={onRetry} data-testid="panel-retry">
                {t('state.retry')}
              </Button>
            ) : null}
          </div>
        ) : (
          children
        )}
      </div>
    </section>
  );
}
