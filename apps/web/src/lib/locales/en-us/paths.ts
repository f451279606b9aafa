import type { zhPaths } from '../zh-cn/paths';

/** Behaviour paths (English). */
export const enPaths: typeof zhPaths = {
  title: 'Behaviour paths',
  subtitle:
    'Sessions whose first event falls in the chosen days and stores, along their first {{steps}} steps; repeats in a row count as one step',
  subtitleCompact: 'First {{steps}} steps of each session',
  stepsAria: 'Steps shown',
  stepsOption: '{{steps}} steps',
  sessions: 'Sessions',
  converted: 'Paid sessions',
  conversion: 'Conversion',
  conversionHint: 'A session converts when it reaches “pay” at any step, also beyond the steps drawn',
  step: 'Step {{step}}',
  stepEvent: 'Step {{step}} · {{event}}',
  shareOfPrevious: 'of previous step',
  shareOfAll: 'of all sessions',
  exitedAfter: 'Left after step {{step}}',
  events: {
    app_open: 'Open app',
    view_menu: 'View menu',
    view_product: 'View product',
    add_to_cart: 'Add to cart',
    checkout: 'Checkout',
    pay: 'Pay',
    other: 'Other',
    exit: 'Left',
  },
  topTitle: 'Top {{count}} complete paths through “{{node}}”',
  topSummary: '{{sessions}} sessions on {{paths}} distinct paths',
  topEmpty: 'No path goes through this step',
  topHint: 'Click a step in the chart to see the most common complete paths through it',
  topConverted: '{{share}} paid',
  close: 'Close',
  chartAria: 'Behaviour path Sankey diagram',
};
