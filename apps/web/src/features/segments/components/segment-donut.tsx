import type { Scope } from '@portrait/shared/scope';
import { useSearchParamEnum } from '../../../lib/use-search-param';
import { ClustersPanel, SEGMENT_VIEWS, SegmentViewSwitch } from '../../clusters/components/clusters-panel';
import { SegmentsPanel } from './segments-panel';

/** The segment donut: the RFM segments or the k-means clusters, switched in its header (kept in the URL). */
export function SegmentDonut({ scope, compact }: { scope: Scope; compact: boolean }) {
  const [view, setView] = useSearchParamEnum('segmentView', SEGMENT_VIEWS, 'rfm');
  const viewSwitch = <SegmentViewSwitch value={view} onChange={setView} />;
  return view === 'clusters' ? (
    <ClustersPanel scope={scope} compact={compact} extra={viewSwitch} />
  ) : (
    <SegmentsPanel scope={scope} compact={compact} extra={viewSwitch} />
  );
}
