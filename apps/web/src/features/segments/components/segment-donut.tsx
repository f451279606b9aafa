import type { Scope } from '@portrait/shared/scope';
import type { SegmentKey } from '@portrait/shared/segments';
import { useSearchParamEnum } from '../../../lib/use-search-param';
import { ClustersPanel, SEGMENT_VIEWS, SegmentViewSwitch } from '../../clusters/components/clusters-panel';
import { SegmentsPanel } from './segments-panel';

/** The segment donut: the RFM segments or the k-means clusters, switched in its header (kept in the URL). */
export function SegmentDonut({
  scope,
  compact,
  onSegmentClick,
}: {
  scope: Scope;
  compact: boolean;
  /** Opens an RFM segment's customer list; absent for roles that see no customers. */
  onSegmentClick?: ((segment: SegmentKey) => void) | undefined;
}) {
  const [view, setView] = useSearchParamEnum('segmentView', SEGMENT_VIEWS, 'rfm');
  const viewSwitch = <SegmentViewSwitch value={view} onChange={setView} />;
  return view === 'clusters' ? (
    <ClustersPanel scope={scope} compact={compact} extra={viewSwitch} />
  ) : (
    <SegmentsPanel scope={scope} compact={compact} extra={viewSwitch} onSegmentClick={onSegmentClick} />
  );
}
