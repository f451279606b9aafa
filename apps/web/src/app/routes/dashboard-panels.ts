import { lazy } from 'react';

// Every panel below the KPI cards loads with its own chunk when it nears the screen (see DeferredPanel): the
// first load carries the shell, the filters and the KPIs only.
export const ChurnPanel = lazy(() =>
  import('../../features/churn/components/churn-panel').then((m) => ({ default: m.ChurnPanel })),
);
export const SlippingAwayPanel = lazy(() =>
  import('../../features/churn/components/slipping-away-panel').then((m) => ({
    default: m.SlippingAwayPanel,
  })),
);
export const ValuePanel = lazy(() =>
  import('../../features/churn/components/value-panel').then((m) => ({ default: m.ValuePanel })),
);
export const SegmentDonut = lazy(() =>
  import('../../features/segments/components/segment-donut').then((m) => ({ default: m.SegmentDonut })),
);
export const HourlyPanel = lazy(() =>
  import('../../features/hours/components/hourly-panel').then((m) => ({ default: m.HourlyPanel })),
);
export const TopProductsPanel = lazy(() =>
  import('../../features/products/components/top-products-panel').then((m) => ({
    default: m.TopProductsPanel,
  })),
);
export const ChannelsPanel = lazy(() =>
  import('../../features/channels/components/channels-panel').then((m) => ({ default: m.ChannelsPanel })),
);
export const SuggestionsPanel = lazy(() =>
  import('../../features/suggestions/components/suggestions-panel').then((m) => ({
    default: m.SuggestionsPanel,
  })),
);
// The map and the Sankey bring their own ECharts parts and the GeoJSON.
export const GeoPanel = lazy(() =>
  import('../../features/geo/components/geo-panel').then((m) => ({ default: m.GeoPanel })),
);
export const PathsPanel = lazy(() =>
  import('../../features/paths/components/paths-panel').then((m) => ({ default: m.PathsPanel })),
);
