import './grid.css';
import type { CSSProperties, ReactNode } from 'react';

/** Column spans out of 24 per breakpoint (antd's: sm ≥ 576, md ≥ 768, lg ≥ 992, xl ≥ 1200 px); a missing one inherits the smaller. */
type Spans = { xs?: number; sm?: number; md?: number; lg?: number; xl?: number };

/**
 * The dashboard's 24-column grid in plain CSS (`.grid`, `.grid-cell` in app/styles.css). antd's Row/Col would do the
 * same but generate their whole style sheet (24 spans × 5 breakpoints) in JavaScript on the first paint of a phone.
 */
export function Grid({ className, children }: { className?: string | undefined; children: ReactNode }) {
  return <div className={className ? `grid ${className}` : 'grid'}>{children}</div>;
}

export function GridCell({ children, ...spans }: Spans & { children: ReactNode }) {
  const style: Record<string, number> = {};
  for (const [breakpoint, span] of Object.entries(spans)) style[`--span-${breakpoint}`] = span;
  return (
    <div className="grid-cell" style={style as CSSProperties}>
      {children}
    </div>
  );
}
