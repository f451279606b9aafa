import { InfoCircleOutlined } from '@ant-design/icons';
import { PATH_STEPS, type PathNode } from '@portrait/shared/paths';
import type { Scope } from '@portrait/shared/scope';
import { Select, Tooltip } from 'antd';
import type { ECElementEvent } from 'echarts/core';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../../components/chart-card';
import { panelState } from '../../../lib/panel-state';
import { useFormatters } from '../../../lib/use-formatters';
import { useSearchParamEnum } from '../../../lib/use-search-param';
import { usePaths } from '../api/get-paths';
import { useElementWidth } from '../hooks/use-element-width';
import {
  buildPathsOption,
  conversionShare,
  eventLabel,
  legendNodes,
  MIN_LABEL_WIDTH,
  nodeColor,
  PATHS_CHART_HEIGHT,
  sankeyLabelWidth,
  stepAxis,
} from '../utils/build-paths-option';
import { TopPathsList } from './top-paths-list';
import './paths-panel.css';

const SankeyCanvas = lazy(() => import('./sankey-canvas'));

const STEP_CHOICES = Array.from({ length: PATH_STEPS.max - PATH_STEPS.min + 1 }, (_, i) =>
  String(PATH_STEPS.min + i),
);

/** Behaviour paths: the conversion share above a step-indexed Sankey; a click on a step lists its top paths. */
export function PathsPanel({ scope, compact }: { scope: Scope; compact: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const [stepsParam, setStepsParam] = useSearchParamEnum(
    'pathSteps',
    STEP_CHOICES,
    String(PATH_STEPS.default),
  );
  const steps = Number(stepsParam);
  const query = usePaths(scope, steps);
  const paths = query.data;
  const state = panelState(query, (p) => p.sessions === 0);
  const height = compact ? PATHS_CHART_HEIGHT.compact : PATHS_CHART_HEIGHT.regular;
  const [bodyRef, width] = useElementWidth<HTMLDivElement>();
  const option = useMemo(
    () => (paths ? buildPathsOption(paths, { t, f, compact, ...(width ? { width } : {}) }) : null),
    [paths, t, f, compact, width],
  );

  const axis = paths ? stepAxis(paths, compact) : [];
  // Too narrow for names (many steps on a phone): the chart goes without and a legend names the colours.
  const labelsFit = !paths || sankeyLabelWidth(paths, compact, width ?? undefined) >= MIN_LABEL_WIDTH;

  // The node whose paths are listed; it belongs to one scope and step count, so it is forgotten when they change.
  const selectionKey = JSON.stringify([scope, steps]);
  const [selected, setSelected] = useState<{ key: string; node: PathNode } | null>(null);
  const node = selected?.key === selectionKey ? selected.node : null;
  const onItemClick = useCallback(
    (params: ECElementEvent) => {
      if (params.dataType !== 'node' || !paths) return;
      const clicked = paths.nodes.find((n) => n.id === params.name);
      if (clicked) setSelected({ key: selectionKey, node: clicked });
    },
    [paths, selectionKey],
  );

  return (
    <ChartCard
      name="paths"
      title={t('paths.title')}
      subtitle={compact ? t('paths.subtitleCompact', { steps }) : t('paths.subtitle', { steps })}
      extra={
        <Select
          size="small"
          aria-label={t('paths.stepsAria')}
          data-testid="paths-steps"
          value={stepsParam}
          onChange={setStepsParam}
          popupMatchSelectWidth={false}
          options={STEP_CHOICES.map((s) => ({ value: s, label: t('paths.stepsOption', { steps: s }) }))}
        />
      }
      state={state}
      refreshing={query.isPlaceholderData}
      error={query.error}
      onRetry={() => void query.refetch()}
      bodyHeight={height}
    >
      {paths && option ? (
        <div ref={bodyRef}>
          <dl className="paths-summary" data-testid="paths-summary">
            <div>
              <dt>{t('paths.sessions')}</dt>
              <dd data-testid="paths-sessions">{f.integer(paths.sessions)}</dd>
            </div>
            <div>
              <dt>{t('paths.converted')}</dt>
              <dd data-testid="paths-converted">{f.integer(paths.converted)}</dd>
            </div>
            <div>
              <dt>
                {t('paths.conversion')}{' '}
                <Tooltip title={t('paths.conversionHint')}>
                  <InfoCircleOutlined className="paths-info" aria-label={t('paths.conversionHint')} />
                </Tooltip>
              </dt>
              <dd className="paths-conversion" data-testid="paths-conversion">
                {f.percent(conversionShare(paths))}
              </dd>
            </div>
          </dl>
          <div className="paths-axis" aria-hidden>
            {axis.map((s) => (
              <span
                key={s.step}
                className={s.alignEnd ? 'paths-axis-step is-end' : 'paths-axis-step'}
                style={{ left: s.left }}
              >
                {/* Narrow columns get the bare number. */}
                {axis.length > 5 && compact ? s.step : t('paths.step', { step: s.step })}
              </span>
            ))}
          </div>
          <Suspense fallback={<div className="skeleton-block" style={{ height }} aria-hidden />}>
            <SankeyCanvas
              option={option}
              height={height}
              ariaLabel={t('paths.chartAria')}
              testId="chart-paths"
              onItemClick={onItemClick}
            />
          </Suspense>
          {labelsFit ? null : (
            <ul className="paths-legend" data-testid="paths-legend">
              {legendNodes(paths).map((n) => (
                <li key={`${n.kind}:${n.event}`}>
                  <span className="top-paths-dot" style={{ background: nodeColor(n) }} aria-hidden />
                  {eventLabel(n, t)}
                </li>
              ))}
            </ul>
          )}
          {node ? (
            <TopPathsList scope={scope} steps={steps} node={node} onClose={() => setSelected(null)} />
          ) : (
            <p className="paths-hint">{t('paths.topHint')}</p>
          )}
        </div>
      ) : null}
    </ChartCard>
  );
}
