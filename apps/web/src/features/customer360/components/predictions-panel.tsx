import { InfoCircleOutlined, SyncOutlined } from '@ant-design/icons';
import type {
  CustomerPredictions,
  PredictionModel,
  ReadyPredictions,
} from '@portrait/shared/customer360-predictions';
import type { RiskBandKey } from '@portrait/shared/models';
import type { Tier } from '@portrait/shared/customer-value';
import { Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../../components/chart-card';
import { useFormatters } from '../../../lib/use-formatters';
import { FitFailedMessage, FittingMessage } from '../../churn/components/model-note';
import { modelAgeText } from '../../churn/utils/model-age';
import {
  expectedCountText,
  outlookNotes,
  predictionReasons,
  probabilityText,
} from '../utils/prediction-text';

const P = 'customer360.predictions';
const BAND_COLORS: Record<RiskBandKey, string> = { low: 'success', medium: 'warning', high: 'error' };

function Figure({
  label,
  hint,
  value,
  sub,
  testId,
}: {
  label: string;
  hint: string;
  value: ReactNode;
  sub?: ReactNode;
  testId: string;
}) {
  return (
    <div className="outlook-figure" data-testid={testId}>
      <dt>
        {label}
        <Tooltip title={hint}>
          <InfoCircleOutlined className="kpi-info" role="img" aria-label={hint} tabIndex={0} />
        </Tooltip>
      </dt>
      <dd>
        <span className="outlook-figure-value">{value}</span>
        {sub ? <span className="outlook-figure-sub">{sub}</span> : null}
      </dd>
    </div>
  );
}

function ModelLine({ model }: { model: PredictionModel }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <div className="outlook-model" data-testid="outlook-model">
      {model.refitting || !model.current ? (
        <span className="outlook-refit">
          <SyncOutlined spin aria-hidden /> {t(`${P}.refitting`)}
        </span>
      ) : null}
      <span>
        {t(`${P}.modelAge`, {
          age: modelAgeText(model.age_seconds, t),
          day: model.as_of_day ? f.shortDay(model.as_of_day) : '—',
        })}
      </span>
    </div>
  );
}

function Outlook({ p, tier, scoped }: { p: ReadyPredictions; tier: Tier; scoped: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const clusterName = p.cluster ? (f.lang === 'zh-CN' ? p.cluster.name_zh : p.cluster.name_en) : null;
  return (
    <div className="outlook">
      <div className="outlook-risk" data-testid="outlook-risk" data-band={p.risk_band}>
        <Tag color={BAND_COLORS[p.risk_band]} className="outlook-band" data-testid="outlook-band">
          {t(`${P}.bands.${p.risk_band}`)}
        </Tag>
        <span className="outlook-risk-label">
          {t(`${P}.churnRisk`)} <strong>{probabilityText(p.churn_risk, f)}</strong>
        </span>
        <Tooltip title={t(`${P}.churnRiskHint`)}>
          <InfoCircleOutlined
            className="kpi-info"
            role="img"
            aria-label={t(`${P}.churnRiskHint`)}
            tabIndex={0}
          />
        </Tooltip>
        <div className="outlook-meter" aria-hidden>
          <span className={`band-${p.risk_band}`} style={{ width: `${Math.round(p.churn_risk * 100)}%` }} />
        </div>
      </div>
      <dl className="outlook-figures">
        <Figure
          testId="outlook-p-active"
          label={t(`${P}.pActive`)}
          hint={t(`${P}.pActiveHint`)}
          value={probabilityText(p.p_active, f, p.explanation.rhythm === 'single_visit')}
        />
        <Figure
          testId="outlook-value"
          label={t(`${P}.value`)}
          hint={t(`${P}.valueHint`)}
          value={f.currency(p.predicted_value_12m)}
          sub={t(`${P}.perVisit`, { amount: f.currency(p.expected_spend_per_visit) })}
        />
        <div className="outlook-figure outlook-expected" data-testid="outlook-expected">
          <dt>
            {t(`${P}.expected`)}
            <Tooltip title={t(`${P}.expectedHint`)}>
              <InfoCircleOutlined
                className="kpi-info"
                role="img"
                aria-label={t(`${P}.expectedHint`)}
                tabIndex={0}
              />
            </Tooltip>
          </dt>
          <dd>
            {(
              [
                [30, p.expected_orders_30],
                [90, p.expected_orders_90],
                [365, p.expected_orders_365],
              ] as const
            ).map(([days, n]) => (
              <span key={days} className="outlook-horizon">
                <span className="outlook-figure-sub">{t(`${P}.expectedDays`, { days })}</span>
                <span className="outlook-figure-value">{expectedCountText(n, f)}</span>
              </span>
            ))}
          </dd>
        </div>
      </dl>
      {clusterName ? <div className="outlook-cluster">{t(`${P}.cluster`, { name: clusterName })}</div> : null}
      <h3 className="outlook-why">{t(`${P}.why`)}</h3>
      <ul className="outlook-reasons" data-testid="outlook-reasons">
        {predictionReasons(p, t, f).map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {outlookNotes(p, tier, scoped).map((note) => (
        <p key={note} className="outlook-note" data-testid={`outlook-note-${note}`}>
          {t(`${P}.${note}`)}
        </p>
      ))}
    </div>
  );
}

/**
 * The churn / lifetime-value models' view of this customer: risk band, P(active), expected purchases, the
 * predicted 12-month value and why. "Fitting" until the first fit; the profile query polls meanwhile.
 */
export function PredictionsPanel({
  predictions,
  tier,
  scoped,
}: {
  predictions: CustomerPredictions;
  tier: Tier;
  scoped: boolean;
}) {
  const { t } = useTranslation();
  const model =
    predictions.status === 'fitting' || predictions.status === 'failed' ? null : predictions.model;
  return (
    <ChartCard
      name="predictions"
      title={t(`${P}.title`)}
      subtitle={t(`${P}.subtitle`)}
      state="ready"
      bodyHeight={predictions.status === 'ready' ? 0 : 120}
    >
      {predictions.status === 'fitting' ? (
        <FittingMessage text={t(`${P}.fitting`)} height={120} />
      ) : predictions.status === 'failed' ? (
        <FitFailedMessage error={predictions.error} height={120} />
      ) : predictions.status === 'unscored' ? (
        predictions.model.refitting ? (
          <FittingMessage text={t(`${P}.unscoredRefitting`)} height={120} />
        ) : (
          <div className="panel-message" style={{ height: 120 }} data-testid="outlook-unscored">
            <div className="panel-message-hint">{t(`${P}.unscored`)}</div>
          </div>
        )
      ) : (
        <Outlook p={predictions} tier={tier} scoped={scoped} />
      )}
      {model ? <ModelLine model={model} /> : null}
    </ChartCard>
  );
}
