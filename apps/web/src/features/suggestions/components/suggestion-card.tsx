import {
  CheckOutlined,
  CloseOutlined,
  DownloadOutlined,
  DownOutlined,
  RobotOutlined,
  TeamOutlined,
  UndoOutlined,
  UpOutlined,
} from '@ant-design/icons';
import type { Suggestion, SuggestionStatus } from '@portrait/shared/suggestions';
import { Button, Tag, Tooltip } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../../lib/i18n';
import { useFormatters } from '../../../lib/use-formatters';
import { pick, PRIORITY_COLORS, statusTime, targetText } from '../utils/suggestion-format';
import { EvidenceTable } from './evidence-table';

export type SuggestionPermissions = { decide: boolean; seeCustomers: boolean; regenerate: boolean };

type SuggestionCardProps = {
  suggestion: Suggestion;
  permissions: SuggestionPermissions;
  /** A status change for this card is being saved. */
  saving: boolean;
  onStatus: (status: SuggestionStatus) => void;
  onViewCustomers: () => void;
  exportHref: string;
};

/** One suggestion: what to do and why, the target and its size, the expected effect, the evidence, the actions. */
export function SuggestionCard({
  suggestion: s,
  permissions,
  saving,
  onStatus,
  onViewCustomers,
  exportHref,
}: SuggestionCardProps) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const f = useFormatters();
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const evidenceId = useId();
  const title = pick(s.title, lang);

  return (
    <article
      className={`suggestion-card status-${s.status}`}
      data-testid="suggestion-card"
      data-type={s.type}
      data-priority={s.priority}
      data-status={s.status}
      aria-labelledby={titleId}
    >
      <div className="suggestion-tags">
        <Tooltip title={t('suggestions.priorityHint')}>
          <Tag color={PRIORITY_COLORS[s.priority]} tabIndex={0} data-testid="suggestion-priority">
            {t(`suggestions.priority.${s.priority}`)}
          </Tag>
        </Tooltip>
        <span className="suggestion-type">{t(`suggestions.types.${s.type}`)}</span>
        {s.writer === 'llm' ? (
          <Tag icon={<RobotOutlined />} bordered={false} color="geekblue">
            {t('suggestions.writtenByModel')}
          </Tag>
        ) : null}
      </div>
      <h3 id={titleId} className="suggestion-title">
        {title}
      </h3>
      <p className="suggestion-content">{pick(s.content, lang)}</p>

      <dl className="suggestion-facts">
        <div>
          <dt>{t('suggestions.target')}</dt>
          <dd data-testid="suggestion-target">
            {targetText(s.target, t, lang)} ·{' '}
            <strong>{t('suggestions.targetSize', { count: s.targetSize })}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('suggestions.expectedEffect')}</dt>
          <dd>
            <strong>
              {t('suggestions.effectRange', {
                low: f.currencyCompact(s.expectedEffect.low),
                high: f.currencyCompact(s.expectedEffect.high),
              })}
            </strong>
            <span className="suggestion-assumption">{pick(s.expectedEffect.assumption, lang)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('suggestions.valueAtStake')}</dt>
          <dd>{f.currencyCompact(s.valueAtStake)}</dd>
        </div>
      </dl>

      <Button
        type="link"
        size="small"
        className="suggestion-evidence-toggle"
        icon={open ? <UpOutlined /> : <DownOutlined />}
        iconPlacement="end"
        aria-expanded={open}
        aria-controls={evidenceId}
        onClick={() => setOpen((v) => !v)}
        data-testid="suggestion-evidence-toggle"
      >
        {t('suggestions.evidence', { count: s.evidence.figures.length })}
      </Button>
      <div id={evidenceId} hidden={!open}>
        {open ? <EvidenceTable figures={s.evidence.figures} scope={s.evidence.scope} /> : null}
      </div>

      <div className="suggestion-actions">
        {s.status === 'new' ? (
          permissions.decide ? (
            <>
              <Button
                size="small"
                type="primary"
                ghost
                icon={<CheckOutlined />}
                loading={saving}
                onClick={() => onStatus('accepted')}
                data-testid="suggestion-accept"
              >
                {t('suggestions.accept')}
              </Button>
              <Button
                size="small"
                icon={<CloseOutlined />}
                disabled={saving}
                onClick={() => onStatus('dismissed')}
                data-testid="suggestion-dismiss"
              >
                {t('suggestions.dismiss')}
              </Button>
            </>
          ) : null
        ) : (
          <span className="suggestion-status" data-testid="suggestion-status">
            <Tag color={s.status === 'accepted' ? 'success' : 'default'}>{t(`suggestions.${s.status}`)}</Tag>
            <span className="suggestion-status-by">
              {s.statusBy}
              {s.statusAt ? ` · ${statusTime(s.statusAt, lang)}` : ''}
            </span>
            {permissions.decide ? (
              <Button
                size="small"
                type="text"
                icon={<UndoOutlined />}
                loading={saving}
                onClick={() => onStatus('new')}
                data-testid="suggestion-reopen"
              >
                {t('suggestions.reopen')}
              </Button>
            ) : null}
          </span>
        )}
        {permissions.seeCustomers ? (
          <span className="suggestion-list-actions">
            <Button
              size="small"
              icon={<TeamOutlined />}
              onClick={onViewCustomers}
              data-testid="suggestion-view-customers"
            >
              {t('suggestions.viewCustomers')}
            </Button>
            <Button
              size="small"
              icon={<DownloadOutlined />}
              href={exportHref}
              download
              aria-label={`${t('suggestions.export')}: ${title}`}
              data-testid="suggestion-export"
            >
              {t('suggestions.export')}
            </Button>
          </span>
        ) : null}
      </div>
    </article>
  );
}
