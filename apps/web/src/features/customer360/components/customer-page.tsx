import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import type { CustomerProfile } from '@portrait/shared/customer360';
import { Button, Result, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/error-message';
import { useCompact } from '../../../lib/use-compact';
import { useFormatters } from '../../../lib/use-formatters';
import { useCustomerProfile, type CustomerRef } from '../api/get-customer-profile';
import { FavoritesPanel } from './favorites-panel';
import { PredictionsPanel } from './predictions-panel';
import { ProfileHeader } from './profile-header';
import { RfmPanel } from './rfm-panel';
import { TimelinePanel } from './timeline-panel';
import { ValueCards } from './value-cards';
import '../customer-page.css';

export type CustomerPageProps = CustomerRef & {
  /** The viewer is a store manager: every figure is their stores' only. */
  limitedToStores: boolean;
};

/** One customer's whole story (`/customers/:customerId`): who, what they are worth, and everything they did. */
export function CustomerPage({ customerId, storeId, limitedToStores }: CustomerPageProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const ref = { customerId, storeId };
  const profile = useCustomerProfile(ref);
  const back = () => (window.history.length > 1 ? void navigate(-1) : void navigate('/'));

  if (profile.isPending) return <ProfileSkeleton />;
  if (profile.isError) {
    const missing = profile.error instanceof ApiError && profile.error.status === 404;
    return (
      <div className="page" data-testid="customer-page" data-state="error">
        <Result
          status={missing ? '404' : 'warning'}
          title={missing ? t('customer360.page.notFoundTitle') : t('customer360.page.errorTitle')}
          subTitle={errorMessage(profile.error, t)}
          extra={
            missing ? (
              <Button icon={<ArrowLeftOutlined />} onClick={back}>
                {t('customer360.page.back')}
              </Button>
            ) : (
              <Button type="primary" icon={<ReloadOutlined />} onClick={() => void profile.refetch()}>
                {t('state.retry')}
              </Button>
            )
          }
        />
      </div>
    );
  }
  return (
    <ProfileView profile={profile.data} customer={ref} limitedToStores={limitedToStores} onBack={back} />
  );
}

function ProfileView({
  profile,
  customer,
  limitedToStores,
  onBack,
}: {
  profile: CustomerProfile;
  customer: CustomerRef;
  limitedToStores: boolean;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  const compact = useCompact();
  const scoped = limitedToStores || profile.store_id !== null;
  const firstPage = {
    customer_identifier: profile.customer_identifier,
    customer_id: profile.customer_id,
    timeline: profile.timeline,
    total_events: profile.statistics.total_activities,
    next_cursor: profile.timeline_next_cursor,
  };
  const timeline = <TimelinePanel customer={customer} firstPage={firstPage} />;
  const rfm = <RfmPanel rfm={profile.rfm} compact={compact} scoped={scoped} />;
  const favorites = <FavoritesPanel profile={profile} />;
  const outlook = (
    <PredictionsPanel
      predictions={profile.predictions}
      tier={profile.customer_value.customer_tier_key}
      scoped={scoped}
    />
  );
  const note = [
    profile.as_of ? t('customer360.page.asOf', { day: f.day(profile.as_of) }) : null,
    profile.store_id
      ? t('customer360.page.narrowedTo', {
          store: profile.favorite_stores[0]?.store_name ?? profile.store_id,
        })
      : limitedToStores
        ? t('customer360.page.myStores')
        : null,
  ].filter(Boolean);

  return (
    <div className="page customer-page" data-testid="customer-page" data-state="ready">
      <div className="customer-topbar">
        <Button type="text" icon={<ArrowLeftOutlined />} onClick={onBack} className="customer-back">
          {t('customer360.page.back')}
        </Button>
        <span className="customer-page-title">{t('customer360.page.title')}</span>
        <span className="customer-page-note">{note.join(' · ')}</span>
      </div>
      <ProfileHeader profile={profile} />
      <ValueCards value={profile.customer_value} />
      {compact ? (
        <Tabs
          className="customer-tabs"
          defaultActiveKey="timeline"
          aria-label={t('customer360.page.sections')}
          items={[
            { key: 'timeline', label: t('customer360.page.tabTimeline'), children: timeline },
            {
              key: 'value',
              label: t('customer360.page.tabValue'),
              children: (
                <div className="customer-tab-stack">
                  {outlook}
                  {rfm}
                </div>
              ),
            },
            { key: 'preferences', label: t('customer360.page.tabPreferences'), children: favorites },
          ]}
        />
      ) : (
        <div className="customer-columns">
          <div className="customer-side">
            {outlook}
            {rfm}
            {favorites}
          </div>
          <div className="customer-main">{timeline}</div>
        </div>
      )}
    </div>
  );
}

function ProfileSkeleton() {
  const { t } = useTranslation();
  return (
    <div className="page customer-page" data-testid="customer-page" data-state="loading" aria-busy="true">
      <span className="visually-hidden" role="status">
        {t('state.loading')}
      </span>
      <div className="skeleton-block" style={{ height: 36, maxWidth: 320 }} />
      <div className="skeleton-block" style={{ height: 132 }} />
      <div className="skeleton-block" style={{ height: 96 }} />
      <div className="skeleton-block" style={{ height: 420 }} />
    </div>
  );
}
