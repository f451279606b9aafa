import { UserOutlined } from '@ant-design/icons';
import type { CustomerProfile } from '@portrait/shared/customer360';
import { tagLabel, TIER_LABELS, type Tier } from '@portrait/shared/customer-value';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../lib/use-formatters';

const TIER_COLORS: Record<Tier, string> = {
  vip: 'gold',
  high: 'blue',
  medium: 'cyan',
  low: 'default',
  churn_risk: 'red',
};

/** Masked identity, member level, value tier and tags: who is on the phone. */
export function ProfileHeader({ profile }: { profile: CustomerProfile }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const zh = f.lang === 'zh-CN';
  const m = profile.member_info;
  const tier = profile.customer_value.customer_tier_key;
  const age = m.birth_year && profile.as_of ? Number(profile.as_of.slice(0, 4)) - m.birth_year : null;
  const initial = m.name ? [...m.name][0] : null;
  // The level and tier have their own badges; the tag list shows the rest.
  const tags = profile.customer_tags.filter((tag) => tag !== TIER_LABELS[tier].zh);

  return (
    <section className="customer-header" data-testid="customer-header" aria-labelledby="customer-name">
      <div className="customer-avatar" aria-hidden>
        {initial ?? <UserOutlined />}
      </div>
      <div className="customer-identity">
        <div className="customer-title-row">
          <h2 id="customer-name" className="customer-name" data-testid="customer-name">
            {m.name ?? profile.customer_id}
          </h2>
          {m.level ? (
            <Tag color="purple" className="customer-badge">
              {m.level}
            </Tag>
          ) : (
            <Tag className="customer-badge">{t('customer360.header.nonMember')}</Tag>
          )}
          <Tag color={TIER_COLORS[tier]} className="customer-badge" data-testid="customer-tier">
            {TIER_LABELS[tier][zh ? 'zh' : 'en']}
          </Tag>
        </div>
        <div className="customer-contact">
          {m.phone ? <span data-testid="customer-phone">{m.phone}</span> : null}
          {m.email ? <span>{m.email}</span> : null}
          {m.member_id ? (
            <span>
              {t('customer360.header.memberId')} {m.member_id}
            </span>
          ) : null}
          <span>
            {t('customer360.header.customerId')} {profile.customer_id}
          </span>
          {m.gender ? (
            <span>
              {m.gender === '男' || m.gender === '女'
                ? t(`customer360.header.genders.${m.gender}`)
                : m.gender}
            </span>
          ) : null}
          {age !== null && age > 0 && age < 120 ? <span>{t('customer360.header.age', { age })}</span> : null}
        </div>
        <ul className="customer-tags" aria-label={t('customer360.header.tags')} data-testid="customer-tags">
          {tags.map((tag) => (
            <li key={tag}>
              <Tag
                bordered={false}
                color={tag === '流失用户' || tag === '沉睡用户' ? 'warning' : 'processing'}
              >
                {tagLabel(tag, zh ? 'zh' : 'en')}
              </Tag>
            </li>
          ))}
        </ul>
      </div>
      <dl className="customer-member">
        {m.registered_at ? (
          <div>
            <dt className="visually-hidden">{t('customer360.header.registered', { day: '' })}</dt>
            <dd>{t('customer360.header.registered', { day: f.day(m.registered_at.slice(0, 10)) })}</dd>
          </div>
        ) : null}
        {m.points !== null ? (
          <div>
            <dt>{t('customer360.header.points')}</dt>
            <dd>{f.integer(m.points)}</dd>
          </div>
        ) : null}
        {m.balance !== null ? (
          <div>
            <dt>{t('customer360.header.balance')}</dt>
            <dd>{f.currency(m.balance)}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
