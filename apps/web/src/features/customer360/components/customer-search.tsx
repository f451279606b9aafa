import { SearchOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../customer-search.css';

const loadDialog = () => import('./search-dialog');
const SearchDialog = lazy(loadDialog);

const isTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The customer search in the header, on every page: a button (an icon on a phone) that opens a search panel;
 * "/" opens it from the keyboard. Phone, member id, name or email; Enter opens the highlighted customer.
 */
export function CustomerSearch({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // Mounted from the first opening on, so the dialog can animate closed and open again.
  const [used, setUsed] = useState(false);
  const show = () => {
    setUsed(true);
    setOpen(true);
  };

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTextField(e.target)) {
        e.preventDefault();
        setUsed(true);
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      {compact ? (
        <Button
          type="text"
          icon={<SearchOutlined />}
          aria-label={t('customer360.search.open')}
          data-testid="customer-search-open"
          onClick={show}
          onPointerEnter={() => void loadDialog()}
        />
      ) : (
        <button
          type="button"
          className="customer-search-trigger"
          data-testid="customer-search-open"
          aria-label={t('customer360.search.open')}
          title={t('customer360.search.shortcut')}
          onClick={show}
          onPointerEnter={() => void loadDialog()}
          onFocus={() => void loadDialog()}
        >
          <SearchOutlined aria-hidden />
          <span className="customer-search-trigger-text">{t('customer360.search.trigger')}</span>
          <kbd aria-hidden>/</kbd>
        </button>
      )}
      {used ? (
        <Suspense fallback={null}>
          <SearchDialog open={open} compact={compact} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
