import { Tooltip, type TooltipProps } from 'antd';
import { cloneElement, useState, type PointerEvent, type ReactElement } from 'react';

type ChildProps = { onPointerEnter?: (event: PointerEvent) => void };

/**
 * An antd hover Tooltip that is only built when the pointer first reaches its child (a mouse, or a tap), and then
 * opens at once. The KPI cards carry 24 tooltips; building them all up front was a large part of a phone's first
 * render. Keyboard users are unaffected: a hover tooltip never opened on focus, and each child carries its text as
 * an aria-label.
 */
export function HintTooltip({ children, ...props }: TooltipProps & { children: ReactElement<ChildProps> }) {
  const [armed, setArmed] = useState(false);
  if (armed) {
    return (
      <Tooltip {...props} defaultOpen>
        {children}
      </Tooltip>
    );
  }
  const own = children.props.onPointerEnter;
  return cloneElement(children, {
    onPointerEnter: (event: PointerEvent) => {
      own?.(event);
      setArmed(true);
    },
  });
}
