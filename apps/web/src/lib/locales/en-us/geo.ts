import type { zhGeo } from '../zh-cn/geo';

/** The geographic LTV heatmap (English). */
export const enGeo: typeof zhGeo = {
  title: 'Customers by region',
  subtitle:
    'Provinces shaded by the chosen measure, cities as dots sized by customers; click a province or city to filter',
  subtitleCompact: 'Tap a province or city to filter',
  metricAria: 'Shade by',
  metrics: {
    ltv: 'LTV',
    customers: 'Customers',
    revenue: 'Revenue',
  },
  legend: {
    ltv: 'Mean customer lifetime value',
    customers: 'Active customers',
    revenue: 'Revenue',
  },
  ltv: 'Customer LTV',
  ltvShort: 'LTV',
  customers: 'Active customers',
  customersShort: 'Customers',
  revenue: 'Revenue',
  orders: 'Orders',
  rank: 'Rank',
  area: 'Region',
  province: 'Province',
  city: 'City',
  cityCount: '{{count}} cities',
  showAll: 'Show all {{count}} provinces',
  showLess: 'Show fewer',
  wholeCountry: 'Whole country',
  wholeCountryAria: 'Clear the city filter and see the whole country',
  narrowTo: 'Only {{name}}',
  clickHint: 'Click to filter',
  noMapArea: 'Not found on the map',
  tableAria: 'Regions ranked by customer value',
  mapAria: 'Map of China: customer value by province, customers by city',
  noData: 'No stores',
};
