/**
 * Rows the demo generator emits. Money is integral fen and time is `LocalSec` (seconds since 1970 of the
 * Asia/Shanghai wall clock), so totals are exact and day/hour follow from the instant without time-zone maths.
 * Serialisers (`row-columns.ts`, projected by `db-columns.ts` and `export-csv.ts`) turn them into the database
 * or the import format.
 */
import type { CityInfo } from './catalog';

export type DemoSize = 'small' | 'default' | 'large';

export type DemoOptions = {
  size: DemoSize;
  seed: number;
  /** Last day of data, `YYYY-MM-DD` (Asia/Shanghai). */
  endDate: string;
  /** Rows of orders per batch (other tables are batched alongside); default 30,000. */
  batchRows?: number;
};

/** Seconds since 1970-01-01T00:00 of the Shanghai wall clock (not UTC). */
export type LocalSec = number;

export type CityRow = CityInfo;

export type StoreRow = {
  id: string;
  name: string;
  city: string;
  province: string;
  lat: number;
  lng: number;
  openedOn: string;
};

export type ProductRow = { id: string; name: string; category: string; unitPriceFen: number };

export type CustomerRow = {
  id: string;
  phone: string;
  memberId: string | null;
  email: string | null;
  name: string;
  gender: string | null;
  birthYear: number | null;
  registeredAt: LocalSec;
  memberLevel: string | null;
  points: number | null;
  balanceFen: number | null;
};

export type OrderStatus = 'completed' | 'refunded' | 'cancelled';
export type Channel = 'pos' | 'mini_program' | 'meituan' | 'eleme';
export type OrderType = 'dine_in' | 'delivery' | 'pickup';

export type OrderRow = {
  id: string;
  customerId: string | null;
  storeId: string;
  orderedAt: LocalSec;
  channel: Channel;
  orderType: OrderType;
  /** Paid: Σ item amounts − discount. */
  amountFen: number;
  discountFen: number;
  paymentMethod: string;
  status: OrderStatus;
};

export type OrderItemRow = {
  orderId: string;
  lineNo: number;
  productId: string;
  quantity: number;
  unitPriceFen: number;
  amountFen: number;
};

export type EventType = 'app_open' | 'view_menu' | 'view_product' | 'add_to_cart' | 'checkout' | 'pay';

export type EventRow = {
  id: string;
  customerId: string;
  sessionId: string;
  eventType: EventType;
  occurredAt: LocalSec;
  storeId: string;
  channel: 'mini_program' | 'web';
  page: string;
  durationS: number;
};

export type ReservationRow = {
  id: string;
  customerId: string;
  storeId: string;
  reservedFor: LocalSec;
  partySize: number;
  status: 'confirmed' | 'completed' | 'cancelled' | 'no_show';
  createdAt: LocalSec;
};

export type ServiceTicketRow = {
  id: string;
  customerId: string;
  storeId: string;
  createdAt: LocalSec;
  contactType: '电话' | '在线' | '门店';
  category: '投诉' | '咨询' | '建议';
  resolutionMinutes: number;
  nps: number | null;
};

export type DemoRows = {
  cities: CityRow;
  stores: StoreRow;
  products: ProductRow;
  customers: CustomerRow;
  orders: OrderRow;
  order_items: OrderItemRow;
  events: EventRow;
  reservations: ReservationRow;
  service_tickets: ServiceTicketRow;
};

export type DemoTable = keyof DemoRows;

/** Parents before children: the order in which tables are loaded and truncated in reverse. */
export const DEMO_TABLES: readonly DemoTable[] = [
  'cities',
  'stores',
  'products',
  'customers',
  'orders',
  'order_items',
  'events',
  'reservations',
  'service_tickets',
];

export type DemoBatch = { [T in DemoTable]: { table: T; rows: DemoRows[T][] } }[DemoTable];
