import type { CustomerProfile } from '@portrait/shared/customer360';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../../components/chart-card';
import { useFormatters } from '../../../lib/use-formatters';
import { channelLabel } from '../utils/timeline-format';

function Meter({ share }: { share: number }) {
  return (
    <span className="favorite-meter" aria-hidden>
      <span style={{ width: `${Math.max(2, Math.round(share * 100))}%` }} />
    </span>
  );
}

/** Favourite products, stores and channels over completed orders. */
export function FavoritesPanel({ profile }: { profile: CustomerProfile }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const products = profile.favorite_products;
  const topQuantity = products[0]?.quantity ?? 1;
  const topStore = profile.favorite_stores[0]?.orders ?? 1;

  return (
    <ChartCard name="favorites" title={t('customer360.favorites.title')} state="ready" bodyHeight={120}>
      {products.length === 0 ? (
        <p className="favorites-none">{t('customer360.favorites.none')}</p>
      ) : (
        <div className="favorites">
          <section aria-labelledby="fav-products">
            <h3 id="fav-products" className="favorites-heading">
              {t('customer360.favorites.products')}
            </h3>
            <ol className="favorite-list" data-testid="favorite-products">
              {products.map((p) => (
                <li key={p.product_id}>
                  <span className="favorite-name">
                    {p.product_name ?? p.product_id}
                    {p.category ? <span className="favorite-muted"> · {p.category}</span> : null}
                  </span>
                  <Meter share={p.quantity / topQuantity} />
                  <span className="favorite-figure">
                    {t('customer360.favorites.quantity', { count: p.quantity })}
                  </span>
                </li>
              ))}
            </ol>
          </section>
          <section aria-labelledby="fav-stores">
            <h3 id="fav-stores" className="favorites-heading">
              {t('customer360.favorites.stores')}
            </h3>
            <ol className="favorite-list" data-testid="favorite-stores">
              {profile.favorite_stores.map((s) => (
                <li key={s.store_id}>
                  <span className="favorite-name">
                    {s.store_name ?? s.store_id}
                    <span className="favorite-muted">
                      {' '}
                      · {t('customer360.favorites.lastDay', { day: f.shortDay(s.last_order_day) })}
                    </span>
                  </span>
                  <Meter share={s.orders / topStore} />
                  <span className="favorite-figure">
                    {t('customer360.favorites.orders', { count: s.orders })}
                  </span>
                </li>
              ))}
            </ol>
          </section>
          <section aria-labelledby="fav-channels">
            <h3 id="fav-channels" className="favorites-heading">
              {t('customer360.favorites.channels')}
            </h3>
            <ol className="favorite-list" data-testid="favorite-channels">
              {profile.favorite_channels.map((c) => (
                <li key={c.channel}>
                  <span className="favorite-name">{channelLabel(c.channel, t)}</span>
                  <Meter share={c.share} />
                  <span className="favorite-figure">{f.percent(c.share, 0)}</span>
                </li>
              ))}
            </ol>
          </section>
        </div>
      )}
    </ChartCard>
  );
}
