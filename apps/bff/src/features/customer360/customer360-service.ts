import {
  TIMELINE_DEFAULT_LIMIT,
  type Customer360Query,
  type CustomerProfile,
  type CustomerValueResponse,
  type IdentifierType,
  type MemberInfo,
  type TimelinePage,
  type TimelineQuery,
} from '@portrait/shared/customer360';
import {
  classifySearch,
  MIN_PHONE_DIGITS,
  normalizePhone,
  type CustomerSearchPage,
  type SearchQuery,
} from '@portrait/shared/customer-search';
import { round2 } from '@portrait/shared/customer-value';
import type { Db } from '../../db/client';
import { findCustomer, type CustomerRow } from '../../db/queries/customer360';
import { searchCustomers } from '../../db/queries/customer-search';
import { getDataVersion } from '../../db/queries/data-meta';
import type { StoreFilter } from '../../db/queries/scope-sql';
import { num } from '../../db/sql';
import { badRequest, notFound } from '../../lib/errors';
import type { ResultCache } from '../../lib/result-cache';
import { audit } from '../auth/audit-service';
import type { Viewer } from '../auth/viewer';
import type { StoreCatalog } from '../portrait/store-catalog';
import type { PredictionReader } from './predictions';
import { presentIdentifier, presentMember, presentSearchQuery, presentSearchResult } from './present';
import { profileParts, storeNameOf, timelineEvents, type ProfileParts } from './profile-parts';
import { createReferences, type ColumnRows } from './reference';
import { customerStoreSet, storeSetKey } from './store-set';

const TYPE_WORDS: Record<IdentifierType, string> = {
  phone: 'phone',
  member_id: 'member id',
  email: 'email',
  customer_id: 'customer id',
};

/**
 * Customer 360 (seeds/5-customer360-service.md): profile, value, timeline and search, within the stores the viewer
 * may see. Profiles are cached by (data version, store set, customer) for 30 minutes; masking, the model
 * predictions (they change with a refit, not with the data version) and the audit row happen on every request,
 * after the cache.
 */
export function createCustomer360Service(deps: {
  /** Reads (a replica when there is one). */
  db: Db;
  /** Where the audit rows are written (the primary); default `db`. */
  primary?: Db;
  catalog: StoreCatalog;
  /** Profiles and values: TTL 30 minutes. */
  profileCache: ResultCache;
  /** Populations and the data's last day: per data version. */
  referenceCache: ResultCache;
  /** The churn / lifetime-value models' figures for one customer, from the served model run. */
  predictions: PredictionReader;
  /** The in-memory columns' rows (a store set's population is read from them when they hold the version). */
  columnRows?: ColumnRows | null;
}) {
  const { db, catalog, profileCache } = deps;
  const primary = deps.primary ?? db;
  const references = createReferences(db, deps.referenceCache, deps.columnRows ?? null);

  function lookupValue(type: IdentifierType, identifier: string): string {
    if (type !== 'phone') return identifier;
    const phone = normalizePhone(identifier);
    if (phone === null)
      throw badRequest(
        'customer_identifier is not a phone number: give its digits (spaces, dashes and +86 are fine)',
      );
    return phone;
  }

  async function locate(viewer: Viewer, q: Customer360Query) {
    const version = await getDataVersion(db);
    const stores = await customerStoreSet(catalog, version, viewer, q.store_id);
    const value = lookupValue(q.identifier_type, q.customer_identifier);
    const customer = await findCustomer(db, q.identifier_type, value, stores);
    if (!customer) {
      const shown = presentIdentifier(viewer, q.identifier_type, value);
      const where =
        stores === null
          ? ''
          : q.store_id === undefined
            ? ' who has bought in your stores'
            : ` who has bought in store ${q.store_id}`;
      throw notFound(`no customer with the ${TYPE_WORDS[q.identifier_type]} ${shown}${where}`);
    }
    return { version, stores, customer };
  }

  async function storeNames(version: number) {
    return storeNameOf(await catalog.stores(version));
  }

  function parts(version: number, stores: StoreFilter, customer: CustomerRow): Promise<ProfileParts> {
    return profileCache.get(`${version}|profile|${storeSetKey(stores)}|${customer.id}`, async () =>
      profileParts(db, {
        customer,
        stores,
        reference: await references.get(version, stores),
        storeRows: await catalog.stores(version),
      }),
    );
  }

  function identity(viewer: Viewer, q: Customer360Query, customer: CustomerRow, asOf: string | null) {
    return {
      customer_identifier: presentIdentifier(viewer, q.identifier_type, q.customer_identifier),
      identifier_type: q.identifier_type,
      customer_id: customer.id,
      store_id: q.store_id ?? null,
      as_of: asOf,
    };
  }

  function memberInfo(customer: CustomerRow): MemberInfo {
    return {
      customer_id: customer.id,
      member_id: customer.member_id,
      name: customer.name,
      phone: customer.phone,
      email: customer.email,
      level: customer.member_level,
      points: customer.points === null ? null : num(customer.points),
      balance: customer.balance === null ? null : round2(num(customer.balance)),
      gender: customer.gender,
      birth_year: customer.birth_year === null ? null : num(customer.birth_year),
      registered_at: customer.registered_at,
      is_member: customer.member_id !== null,
    };
  }

  async function profile(viewer: Viewer, q: Customer360Query): Promise<CustomerProfile> {
    const { version, stores, customer } = await locate(viewer, q);
    const p = await parts(version, stores, customer);
    await audit(primary, viewer, 'view_customer', customer.id, {
      via: 'profile',
      identifier_type: q.identifier_type,
      store_id: q.store_id ?? null,
    });
    return {
      ...identity(viewer, q, customer, p.asOf),
      member_info: presentMember(viewer, memberInfo(customer)),
      customer_value: p.customerValue,
      rfm: p.rfm,
      customer_tags: p.tags,
      statistics: p.statistics,
      favorite_products: p.favoriteProducts,
      favorite_stores: p.favoriteStores,
      favorite_channels: p.favoriteChannels,
      predictions: await predictionsFor(viewer, customer),
      timeline: p.timeline,
      timeline_next_cursor: p.timelineNextCursor,
      recent_orders: p.recentOrders,
      recent_reservations: p.recentReservations,
      generated_at: p.generatedAt,
    };
  }

  async function value(viewer: Viewer, q: Customer360Query): Promise<CustomerValueResponse> {
    const { version, stores, customer } = await locate(viewer, q);
    const p = await parts(version, stores, customer);
    await audit(primary, viewer, 'view_customer', customer.id, {
      via: 'value',
      identifier_type: q.identifier_type,
      store_id: q.store_id ?? null,
    });
    return {
      ...identity(viewer, q, customer, p.asOf),
      customer_value: p.customerValue,
      rfm: p.rfm,
      customer_tags: p.tags,
      statistics: p.statistics,
      predictions: await predictionsFor(viewer, customer),
    };
  }

  /** The model's inputs span every store: only for viewers who may see the whole chain. */
  function predictionsFor(viewer: Viewer, customer: CustomerRow) {
    return deps.predictions(customer.id, { showDrivers: viewer.allowedStores === null });
  }

  async function timeline(viewer: Viewer, q: TimelineQuery): Promise<TimelinePage> {
    const { version, stores, customer } = await locate(viewer, q);
    const page = await timelineEvents(db, {
      customerId: customer.id,
      stores,
      limit: q.limit ?? TIMELINE_DEFAULT_LIMIT,
      cursor: q.cursor ?? null,
      storeName: await storeNames(version),
    });
    await audit(primary, viewer, 'view_customer', customer.id, {
      via: 'timeline',
      identifier_type: q.identifier_type,
      store_id: q.store_id ?? null,
      page: q.cursor ? 'next' : 'first',
    });
    return {
      customer_identifier: presentIdentifier(viewer, q.identifier_type, q.customer_identifier),
      customer_id: customer.id,
      timeline: page.events,
      total_events: page.total,
      next_cursor: page.nextCursor,
    };
  }

  async function search(viewer: Viewer, q: SearchQuery): Promise<CustomerSearchPage> {
    const version = await getDataVersion(db);
    const stores = await customerStoreSet(catalog, version, viewer, q.store_id);
    const { match, term } = classifySearch(q.query);
    if (match === 'phone' && term.length < MIN_PHONE_DIGITS)
      throw badRequest(`a phone search needs at least ${MIN_PHONE_DIGITS} digits`);
    const result = await searchCustomers(db, { match, term, raw: q.query }, stores, {
      limit: q.limit,
      offset: (q.page - 1) * q.limit,
    });
    const storeName = await storeNames(version);
    await audit(primary, viewer, 'search_customer', null, {
      query: q.query,
      matched_by: match,
      store_id: q.store_id ?? null,
      page: q.page,
      results: result.total,
    });
    return {
      query: presentSearchQuery(viewer, match, q.query),
      matched_by: match,
      total: result.total,
      page: q.page,
      limit: q.limit,
      customers: result.rows.map((r) =>
        presentSearchResult(viewer, {
          customer_id: r.customerId,
          name: r.name,
          phone: r.phone,
          email: r.email,
          member_id: r.memberId,
          member_level: r.memberLevel,
          total_orders: r.orders,
          last_order_day: r.lastDay,
          home_store_id: r.homeStoreId,
          home_store_name: storeName(r.homeStoreId),
        }),
      ),
    };
  }

  /** Builds the whole chain's population for the current data (the one almost every look-up needs). */
  async function warm(): Promise<void> {
    await references.get(await getDataVersion(db), null);
  }

  return { profile, value, timeline, search, warm };
}
export type Customer360Service = ReturnType<typeof createCustomer360Service>;
