import { LoadingOutlined, SearchOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Input, Modal } from 'antd';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../lib/error-message';
import { customerProfileQueryOptions } from '../api/get-customer-profile';
import { customerSearchQueryOptions, useCustomerSearch } from '../api/search-customers';
import { searchState } from '../utils/search-state';
import { useDebouncedValue } from '../utils/use-debounced-value';
import { SearchResult } from './search-result';

/** The search panel in a dialog (its own chunk: loaded the first time someone searches). */
export default function SearchDialog({
  open,
  compact,
  onClose,
}: {
  open: boolean;
  compact: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  // Whoever searches is about to open a customer: fetch the page's code while they type.
  useEffect(() => {
    if (open) void import('./customer-page');
  }, [open]);
  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={null}
      closable={false}
      destroyOnHidden
      // Opening a customer moves to another page: focus starts there, not back on the search button.
      focusable={{ focusTriggerAfterClose: false }}
      width={640}
      className="customer-search-modal"
      style={{ top: compact ? 8 : 72 }}
      title={<span className="visually-hidden">{t('customer360.search.label')}</span>}
    >
      <SearchPanel onDone={onClose} />
    </Modal>
  );
}

function SearchPanel({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  const [settled, flush] = useDebouncedValue(typed, 250);
  const state = searchState(settled);
  const query = useCustomerSearch(state.kind === 'ready' ? state.query : '');
  const [active, setActive] = useState(0);
  const queryClient = useQueryClient();
  const latestTyped = useRef(typed);
  const fresh = state.kind === 'ready' && query.isSuccess && !query.isPlaceholderData;
  const results = state.kind === 'ready' ? (query.data?.pages.flatMap((p) => p.customers) ?? []) : [];
  const first = query.data?.pages[0];

  const openCustomer = (id: string) => {
    // The profile request starts now, in parallel with the route change and the page's code.
    void queryClient.prefetchQuery(customerProfileQueryOptions({ customerId: id, storeId: null }));
    onDone();
    void navigate(`/customers/${encodeURIComponent(id)}`);
  };

  /** Enter before the results for the latest keystroke arrived: fetch them now and open the top match. */
  const openTopMatch = async (typedNow: string) => {
    flush();
    const s = searchState(typedNow);
    if (s.kind !== 'ready') return;
    const data = await queryClient.fetchInfiniteQuery(customerSearchQueryOptions(s.query));
    const target = data.pages[0]?.customers[0];
    if (target && latestTyped.current === typedNow) openCustomer(target.customer_id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (results.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + results.length) % results.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const target = results[active];
      if (settled === typed && fresh && target) openCustomer(target.customer_id);
      else void openTopMatch(typed).catch(() => undefined); // the panel shows the error
    }
  };

  const listId = 'customer-search-results';
  return (
    <div className="customer-search-panel" data-testid="customer-search-panel">
      <Input
        size="large"
        autoFocus
        allowClear
        value={typed}
        onChange={(e) => {
          latestTyped.current = e.target.value;
          setTyped(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        placeholder={t('customer360.search.placeholder')}
        prefix={query.isFetching ? <LoadingOutlined aria-hidden /> : <SearchOutlined aria-hidden />}
        role="combobox"
        aria-label={t('customer360.search.label')}
        aria-expanded={results.length > 0}
        aria-controls={listId}
        aria-activedescendant={results[active] ? `${listId}-${active}` : undefined}
        data-testid="customer-search-input"
        inputMode="search"
        enterKeyHint="search"
      />
      <div className="customer-search-body" aria-live="polite">
        {state.kind === 'empty' ? (
          <p className="customer-search-note">{t('customer360.search.hint')}</p>
        ) : state.kind === 'too_short' ? (
          <p className="customer-search-note">
            {t('customer360.search.tooShort', { count: state.minDigits })}
          </p>
        ) : query.isError && !query.data ? (
          <p className="customer-search-note is-error" role="alert">
            {errorMessage(query.error, t)}
          </p>
        ) : first && first.total === 0 && fresh ? (
          <p className="customer-search-note" data-testid="customer-search-empty">
            {t('customer360.search.noMatch')}
          </p>
        ) : results.length > 0 ? (
          <>
            <ul
              id={listId}
              role="listbox"
              className="customer-results"
              aria-label={t('customer360.search.label')}
            >
              {results.map((c, i) => (
                <SearchResult
                  key={c.customer_id}
                  id={`${listId}-${i}`}
                  customer={c}
                  active={i === active}
                  onHover={() => setActive(i)}
                  onOpen={() => openCustomer(c.customer_id)}
                />
              ))}
            </ul>
            <div className="customer-search-foot">
              <span>
                {first
                  ? `${t('customer360.search.total', { count: first.total })} · ${t(`customer360.search.matchedBy.${first.matched_by}`)}`
                  : null}
              </span>
              {query.hasNextPage ? (
                <Button
                  size="small"
                  loading={query.isFetchingNextPage}
                  onClick={() => void query.fetchNextPage()}
                >
                  {t('customer360.search.more')}
                </Button>
              ) : (
                <span className="customer-search-keys">{t('customer360.search.keyboard')}</span>
              )}
            </div>
          </>
        ) : (
          <div className="customer-search-loading" role="status" aria-label={t('state.loading')}>
            <div className="skeleton-block" style={{ height: 56 }} />
            <div className="skeleton-block" style={{ height: 56 }} />
          </div>
        )}
      </div>
    </div>
  );
}
