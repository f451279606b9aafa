import { BulbOutlined, LoadingOutlined, SyncOutlined } from '@ant-design/icons';
import type { Scope } from '@portrait/shared/scope';
import type { Suggestion } from '@portrait/shared/suggestions';
import { useIsFetching } from '@tanstack/react-query';
import { App, Button, Empty } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../../components/chart-card';
import { errorMessage } from '../../../lib/error-message';
import { currentLang } from '../../../lib/i18n';
import { panelState } from '../../../lib/panel-state';
import { useSuggestions } from '../api/get-suggestions';
import { useRegenerateSuggestions } from '../api/regenerate-suggestions';
import { useSetSuggestionStatus } from '../api/set-suggestion-status';
import { pick, splitByStatus } from '../utils/suggestion-format';
import { SuggestionCard, type SuggestionPermissions } from './suggestion-card';
import './suggestions.css';

type SuggestionsPanelProps = {
  scope: Scope;
  compact: boolean;
  permissions: SuggestionPermissions;
  csrfToken: string;
  /** Opens the target list of a suggestion (the dashboard's customer list drawer). */
  onViewCustomers: (suggestion: { id: number; title: string }) => void;
  csvHref: (id: number) => string;
};

const PHONE_CARDS = 3;

/** AI marketing suggestions of the scope: cards by priority, evidence on demand, decisions and target lists. */
export function SuggestionsPanel({
  scope,
  compact,
  permissions,
  csrfToken,
  onViewCustomers,
  csvHref,
}: SuggestionsPanelProps) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { message } = App.useApp();
  // The request waits while the dashboard's own panels load (see useSuggestions). Subscribed here, not on the
  // dashboard, so each request that starts or ends re-renders this panel only, not the whole page.
  const panelsLoading = useIsFetching({ queryKey: ['portrait'] }) > 0;
  const query = useSuggestions(scope, !panelsLoading);
  const setStatus = useSetSuggestionStatus();
  const regenerate = useRegenerateSuggestions();
  const [showDismissed, setShowDismissed] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const state = panelState(query, () => false);
  const { open, dismissed } = splitByStatus(query.data?.suggestions ?? []);
  // A phone shows the most important few; the rest are one tap away, so the page below stays reachable.
  const shown = compact && !showAll ? open.slice(0, PHONE_CARDS) : open;
  const hidden = open.length - shown.length;

  const card = (s: Suggestion) => (
    <SuggestionCard
      key={s.id}
      suggestion={s}
      permissions={permissions}
      saving={setStatus.isPending && setStatus.variables.id === s.id}
      onStatus={(status) =>
        setStatus.mutate(
          { csrfToken, id: s.id, status },
          {
            onError: (e) =>
              void message.error(t('suggestions.statusFailed', { message: errorMessage(e, t) })),
          },
        )
      }
      onViewCustomers={() => onViewCustomers({ id: s.id, title: pick(s.title, lang) })}
      exportHref={csvHref(s.id)}
    />
  );

  const extra = (
    <div className="suggestions-extra">
      {query.data?.rewriting ? (
        <span className="suggestions-rewriting" data-testid="suggestions-rewriting">
          <LoadingOutlined aria-hidden /> {t('suggestions.rewriting')}
        </span>
      ) : query.data?.modelRefitting ? (
        <span className="suggestions-rewriting" data-testid="suggestions-model-refitting">
          <LoadingOutlined aria-hidden /> {t('suggestions.modelRefitting')}
        </span>
      ) : null}
      {query.data && !compact ? (
        <span className="suggestions-count">
          {t('suggestions.count', { count: query.data.suggestions.length })}
        </span>
      ) : null}
      {permissions.regenerate ? (
        <Button
          size="small"
          icon={<SyncOutlined />}
          loading={regenerate.isPending}
          disabled={!query.data}
          onClick={() =>
            regenerate.mutate(
              { csrfToken, scope },
              {
                onSuccess: () => void message.success(t('suggestions.regenerated')),
                onError: (e) => void message.error(errorMessage(e, t)),
              },
            )
          }
          data-testid="suggestions-regenerate"
        >
          {t('suggestions.regenerate')}
        </Button>
      ) : null}
    </div>
  );

  return (
    <ChartCard
      name="suggestions"
      title={
        <span className="suggestions-title">
          <BulbOutlined aria-hidden /> {t('suggestions.title')}
        </span>
      }
      subtitle={compact ? undefined : t('suggestions.subtitle')}
      extra={extra}
      state={state}
      refreshing={query.isPlaceholderData}
      error={query.error}
      onRetry={() => void query.refetch()}
      bodyHeight={compact ? 200 : 240}
    >
      {query.data && query.data.suggestions.length === 0 ? (
        <div className="panel-message" style={{ height: 200 }}>
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <>
                <span className="panel-message-title">{t('suggestions.empty')}</span>
                <span className="panel-message-hint">{t('suggestions.emptyHint')}</span>
              </>
            }
          />
        </div>
      ) : (
        <>
          <div className="suggestion-grid" data-testid="suggestion-list">
            {shown.map(card)}
          </div>
          {hidden > 0 ? (
            <Button
              block
              className="suggestions-more"
              onClick={() => setShowAll(true)}
              data-testid="suggestions-show-more"
            >
              {t('suggestions.showMore', { count: hidden })}
            </Button>
          ) : null}
          {dismissed.length > 0 ? (
            <div className="suggestions-dismissed">
              <Button
                type="link"
                aria-expanded={showDismissed}
                onClick={() => setShowDismissed((v) => !v)}
                data-testid="suggestions-dismissed-toggle"
              >
                {t('suggestions.dismissedGroup', { count: dismissed.length })} ·{' '}
                {showDismissed ? t('suggestions.hideDismissed') : t('suggestions.showDismissed')}
              </Button>
              {showDismissed ? (
                <div className="suggestion-grid" data-testid="suggestion-dismissed-list">
                  {dismissed.map(card)}
                </div>
              ) : null}
            </div>
          ) : null}
        </>
      )}
    </ChartCard>
  );
}
