/**
 * Rows waiting to be handed out in the next batch, plus the id counters. Ids are sequence numbers in generation
 * order, which is deterministic, so the same seed always gives the same ids.
 */
import type {
  CustomerRow,
  DemoBatch,
  EventRow,
  OrderItemRow,
  OrderRow,
  ReservationRow,
  ServiceTicketRow,
} from './types';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export class RowBuffers {
  customers: CustomerRow[] = [];
  orders: OrderRow[] = [];
  orderItems: OrderItemRow[] = [];
  events: EventRow[] = [];
  reservations: ReservationRow[] = [];
  serviceTickets: ServiceTicketRow[] = [];

  private orderSeq = 0;
  private eventSeq = 0;
  private sessionSeq = 0;
  private reservationSeq = 0;
  private ticketSeq = 0;

  constructor(private readonly batchRows: number) {}

  nextOrderId(): string {
    return `O${pad(++this.orderSeq, 9)}`;
  }
  nextEventId(): string {
    return `E${pad(++this.eventSeq, 10)}`;
  }
  nextSessionId(): string {
    return `SES${pad(++this.sessionSeq, 9)}`;
  }
  nextReservationId(): string {
    return `R${pad(++this.reservationSeq, 8)}`;
  }
  nextTicketId(): string {
    return `T${pad(++this.ticketSeq, 8)}`;
  }

  /** Whether enough orders are waiting to be worth a COPY. */
  get full(): boolean {
    return this.orders.length >= this.batchRows;
  }

  /**
   * Hands out customers, orders and their items (parents first). Events, reservations and tickets — whose
   * parents were all handed out earlier — wait until they make a sizeable batch of their own, unless `all`.
   */
  *drain(all: boolean): Generator<DemoBatch> {
    if (this.customers.length) yield { table: 'customers', rows: this.take('customers') };
    if (this.orders.length) yield { table: 'orders', rows: this.take('orders') };
    if (this.orderItems.length) yield { table: 'order_items', rows: this.take('orderItems') };
    if (this.events.length && (all || this.events.length >= this.batchRows))
      yield { table: 'events', rows: this.take('events') };
    if (this.reservations.length && (all || this.reservations.length >= this.batchRows))
      yield { table: 'reservations', rows: this.take('reservations') };
    if (this.serviceTickets.length && (all || this.serviceTickets.length >= this.batchRows))
      yield { table: 'service_tickets', rows: this.take('serviceTickets') };
  }

  private take<
    K extends 'customers' | 'orders' | 'orderItems' | 'events' | 'reservations' | 'serviceTickets',
  >(key: K): this[K] {
    const rows = this[key];
    this[key] = [] as unknown as this[K];
    return rows;
  }
}
