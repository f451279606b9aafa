import { CloseOutlined } from '@ant-design/icons';
import type { PathNode } from '@portrait/shared/paths';
import type { Scope } from '@portrait/shared/scope';
import { Button, Skeleton } from 'antd';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message';
import { useFormatters } from '../../../lib/use-formatters';
import { TOP_PATHS_LIMIT, useTopPaths } from '../api/get-top-paths';
import { eventLabel, nodeColor, nodeTitle } from '../utils/build-paths-option';

export type TopPathsListProps = {
  scope: Scope;
  steps: number;
  node: PathNode;
  onClose: () => void;
};

/** The most followed complete paths through the node the user clicked, with their sessions and payments. */
export function TopPathsList({ scope, steps, node, onClose }: TopPathsListProps) {
  const { t } = useTranslation();
  const f = useFormatters();
  const query = useTopPaths(scope, steps, node.id);
  const top = query.data;
  const title = nodeTitle(node, t);

  return (
    <section className="top-paths" data-testid="top-paths" aria-label={title}>
      <header className="top-paths-head">
        <div>
          <h3 className="top-paths-title">{t('paths.topTitle', { node: title, count: TOP_PATHS_LIMIT })}</h3>
          {top ? (
            <div className="top-paths-summary">
              {t('paths.topSummary', {
                sessions: f.integer(top.sessions),
                paths: f.integer(top.distinctPaths),
              })}
            </div>
          ) : null}
        </div>
        <Button
          type="text"
          size="small"
          icon={<CloseOutlined />}
          aria-label={t('paths.close')}
          data-testid="top-paths-close"
          onClick={onClose}
        />
      </header>
      {query.isError ? (
        <div className="top-paths-error" role="alert">
          {errorMessage(query.error, t)}{' '}
          <Button size="small" onClick={() => void query.refetch()}>
            {t('state.retry')}
          </Button>
        </div>
      ) : !top ? (
        <Skeleton active paragraph={{ rows: 3 }} title={false} />
      ) : top.paths.length === 0 ? (
        <div className="top-paths-empty">{t('paths.topEmpty')}</div>
      ) : (
        <ol className="top-paths-list">
          {top.paths.map((p) => (
            <li key={p.nodes.map((n) => n.id).join('>')} className="top-paths-item" data-testid="top-path">
              <div className="top-paths-steps">
                {p.nodes.map((n, i) => (
                  <Fragment key={n.id}>
                    {i > 0 ? (
                      <span className="top-paths-arrow" aria-hidden>
                        ›
                      </span>
                    ) : null}
                    <span className={n.id === node.id ? 'top-paths-step is-current' : 'top-paths-step'}>
                      <span className="top-paths-dot" style={{ background: nodeColor(n) }} aria-hidden />
                      {eventLabel(n, t)}
                    </span>
                  </Fragment>
                ))}
              </div>
              <div className="top-paths-figures">
                <strong>{f.integer(p.sessions)}</strong>
                <span>{f.percent(top.sessions > 0 ? p.sessions / top.sessions : null)}</span>
                <span className={p.converted > 0 ? 'top-paths-paid' : 'top-paths-paid is-none'}>
                  {t('paths.topConverted', {
                    share: f.percent(p.sessions > 0 ? p.converted / p.sessions : null),
                  })}
                </span>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
