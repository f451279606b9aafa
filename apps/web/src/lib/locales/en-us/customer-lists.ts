import type { zhCustomerLists } from '../zh-cn/customer-lists';

/** Strings of the customer list drawer (English). */
export const enCustomerLists: typeof zhCustomerLists = {
  segmentTitle: '{{segment}} · customers',
  suggestionTitle: 'Target · {{title}}',
  total: '{{count}} customers',
  masked: 'Phone, name and e-mail are masked',
  export: 'Export CSV',
  close: 'Close',
  customer: 'Customer',
  phone: 'Phone',
  memberLevel: 'Member level',
  orders: 'Orders',
  revenue: 'Revenue',
  lastDay: 'Last order',
  recency: 'Days since',
  recencyDays: '{{count}} d',
  noName: 'No name',
  openSegment: 'Customer list',
  openSegmentAria: 'Open the customer list of a segment',
  loadError: 'Could not load the customers',
  empty: 'No customer matches',
  risk: 'Churn risk',
  riskTitle: 'Churn risk {{risk}} (latest model)',
  unscored: 'Not scored',
  unscoredTitle: 'The model is not ready or has not scored this customer',
  bands: { low: 'Low risk', medium: 'Medium risk', high: 'High risk' },
};
