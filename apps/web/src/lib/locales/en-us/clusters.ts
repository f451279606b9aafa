import type { zhClusters } from '../zh-cn/clusters';

/** k-means data-driven segments (issue 8). */
export const enClusters: typeof zhClusters = {
  viewAria: 'Segmentation',
  rfm: 'RFM',
  clusters: 'Clusters',
  title: 'Data-driven segments',
  subtitle: 'k-means (k = {{k}}) on recency, frequency, spend, tenure and channel mix',
  centerLabel: 'Active customers',
  count: 'Customers',
  share: 'Share',
  revenue: 'Revenue',
  recency: 'Mean recency',
  recencyValue: '{{days}} days',
  purchaseDays: 'Mean purchase days',
  spendPerVisit: 'Mean spend per visit',
  delivery: 'Delivery share',
  miniProgram: 'Mini-program share',
  chartAria: 'Donut chart of k-means segments',
  fitting: 'The segments are being fitted; this refreshes by itself…',
};
