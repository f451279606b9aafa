import { UserOutlined } from '@ant-design/icons';
import type { CustomerSearchResult } from '@portrait/shared/customer-search';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../lib/use-formatters';

type Props = {
  customer: CustomerSearchResult;
  id: string;
  active: boolean;
  onHover: () => void;
  onOpen: () => void;
};

/** One match: masked name and phone, member level, when and where they last bought. */
export function SearchResult({ customer: c, id, active, onHover, onOpen }: Props) {
  const { t } = useTranslation();
  const f = useFormatters();
  const initial = c.name ? [...c.name][0] : null;
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      className={`customer-result${active ? ' is-active' : ''}`}
      data-testid="customer-result"
      data-customer-id={c.customer_id}
      onMouseEnter={onHover}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onOpen}
    >
      <span className="customer-result-avatar" aria-hidden>
        {initial ?? <UserOutlined />}
      </span>
      <span className="customer-result-main">
        <span className="customer-result-name">
          {c.name ?? c.customer_id}
          {c.member_level ? <span className="customer-result-level">{c.member_level}</span> : null}
        </span>
        <span className="customer-result-sub">
          {[c.phone, c.member_id ?? c.customer_id].filter(Boolean).join(' · ')}
        </span>
      </span>
      <span className="customer-result-side">
        <span>
          {c.last_order_day
            ? t('customer360.search.lastOrder', { day: f.day(c.last_order_day) })
            : t('customer360.search.noOrders')}
        </span>
        <span className="customer-result-store">
          {[
            c.total_orders > 0 ? t('customer360.search.orders', { count: c.total_orders }) : null,
            c.home_store_name ?? c.home_store_id,
          ]
            .filter(Boolean)
            .join(' · ')}
        </span>
      </span>
    </li>
  );
}
