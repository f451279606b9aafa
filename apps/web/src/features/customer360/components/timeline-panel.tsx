import {
  CalendarOutlined,
  CustomerServiceOutlined,
  IdcardOutlined,
  ReloadOutlined,
  ShoppingOutlined,
} from '@ant-design/icons';
import type { TimelineEvent, TimelinePage } from '@portrait/shared/customer360';
import { Button, Spin } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../../components/chart-card';
import { errorMessage } from '../../../lib/error-message';
import { useFormatters } from '../../../lib/use-formatters';
import type { CustomerRef } from '../api/get-customer-profile';
import { useCustomerTimeline } from '../api/get-customer-timeline';
import { describeEvent, groupByDay } from '../utils/timeline-format';
import '../customer-timeline.css';

const ICONS: Record<TimelineEvent['event_type'], typeof ShoppingOutlined> = {
  order: ShoppingOutlined,
  reservation: CalendarOutlined,
  service_ticket: CustomerServiceOutlined,
  membership: IdcardOutlined,
};

const dayHeadings = new Map<string, Intl.DateTimeFormat>();
function dayHeading(day: string, lang: string): string {
  let fmt = dayHeadings.get(lang);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeZone: 'UTC' });
    dayHeadings.set(lang, fmt);
  }
  return fmt.format(new Date(`${day}T00:00:00Z`));
}

function EventRow({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const v = describeEvent(event, t, f);
  const Icon = ICONS[v.kind];
  return (
    <li className={`timeline-event kind-${v.kind}`} data-testid="timeline-event" data-event-id={v.id}>
      <time className="timeline-time" dateTime={event.event_time}>
        {v.time}
      </time>
      <span className="timeline-dot" aria-hidden>
        <Icon />
      </span>
      <div className="timeline-body">
        <div className="timeline-title-row">
          <span className="timeline-title">
            <span className="visually-hidden">{t(`customer360.timeline.kinds.${v.kind}`)}: </span>
            {v.title}
          </span>
          {v.status ? (
            <span className={`timeline-status tone-${v.status.tone}`}>{v.status.label}</span>
          ) : null}
          {v.amount ? <span className="timeline-amount">{v.amount}</span> : null}
        </div>
        {v.meta.length > 0 ? <div className="timeline-meta">{v.meta.join(' · ')}</div> : null}
        {v.items ? <div className="timeline-items">{v.items}</div> : null}
      </div>
    </li>
  );
}

/** Every order, booking, ticket and membership event, newest first; scrolling to the end loads older ones. */
export function TimelinePanel({ customer, firstPage }: { customer: CustomerRef; firstPage: TimelinePage }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const query = useCustomerTimeline(customer, firstPage);
  const events = useMemo(() => query.data.pages.flatMap((p) => p.timeline), [query.data]);
  const groups = useMemo(() => groupByDay(events), [events]);
  const total = query.data.pages[0]?.total_events ?? events.length;
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = query;

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage || isFetchNextPageError) return;
    // Start loading well before the end comes into view, so scrolling rarely waits.
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);

  return (
    <ChartCard
      name="timeline"
      title={t('customer360.timeline.title')}
      subtitle={t('customer360.timeline.subtitle')}
      extra={<span className="timeline-count">{t('customer360.timeline.total', { count: total })}</span>}
      state="ready"
      bodyHeight={160}
    >
      {events.length === 0 ? (
        <p className="favorites-none">{t('customer360.timeline.empty')}</p>
      ) : (
        <div className="timeline" data-testid="timeline" data-loaded={events.length}>
          {groups.map((g) => (
            <section
              key={`${g.day}-${g.events[0]?.event_id}`}
              className="timeline-day"
              aria-label={dayHeading(g.day, f.lang)}
            >
              <h3 className="timeline-day-heading">{dayHeading(g.day, f.lang)}</h3>
              <ol className="timeline-events">
                {g.events.map((e) => (
                  <EventRow key={e.event_id} event={e} />
                ))}
              </ol>
            </section>
          ))}
          <div ref={sentinel} className="timeline-foot" data-testid="timeline-foot">
            {isFetchNextPageError ? (
              <div className="timeline-error" role="alert">
                <span>
                  {t('customer360.timeline.loadError')}: {errorMessage(query.error, t)}
                </span>
                <Button icon={<ReloadOutlined />} onClick={() => void fetchNextPage()}>
                  {t('state.retry')}
                </Button>
              </div>
            ) : isFetchingNextPage ? (
              <span role="status">
                <Spin size="small" /> {t('customer360.timeline.loadingMore')}
              </span>
            ) : hasNextPage ? (
              <Button onClick={() => void fetchNextPage()} data-testid="timeline-load-more">
                {t('customer360.timeline.loadMore')}
              </Button>
            ) : (
              <span data-testid="timeline-end">
                {t('customer360.timeline.end', { count: events.length })}
              </span>
            )}
          </div>
        </div>
      )}
    </ChartCard>
  );
}
