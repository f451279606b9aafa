import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { ChartCard } from './chart-card';

/** How far below the screen a panel starts loading, so a scrolling user rarely sees its placeholder. */
const LOOK_AHEAD = '0px 0px 300px 0px';

type DeferredPanelProps = {
  /** The panel's `name` (its test id is `panel-<name>` in both states). */
  name: string;
  title: ReactNode;
  /** Body height of the placeholder: about the panel's, so the page does not jump when it arrives. */
  bodyHeight: number;
  /** Usually a React.lazy panel: its code and its data requests start only when it is near the screen. */
  children: ReactNode;
};

/**
 * Mounts a panel when it comes near the viewport and keeps it mounted. Until then a loading card holds its place:
 * the first paint does not wait for panels below the fold, nor for their code, charts or requests.
 */
export function DeferredPanel({ name, title, bodyHeight, children }: DeferredPanelProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');

  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true);
      },
      { rootMargin: LOOK_AHEAD },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [near]);

  const placeholder = <ChartCard name={name} title={title} state="loading" bodyHeight={bodyHeight} />;
  if (!near)
    return (
      // data-deferred: not mounted yet (tests that scroll through the page wait for it to go).
      <div ref={ref} data-deferred="">
        {placeholder}
      </div>
    );
  return <Suspense fallback={placeholder}>{children}</Suspense>;
}
