import { Segmented } from 'antd';
import type { ReactNode } from 'react';

export type MetricOption<T extends string> = { value: T; label: ReactNode; testId: string };

/**
 * The small metric switch in a chart card's header (e.g. orders | revenue). The choice lives in the URL, so the
 * panel passes the value and setter of its `useSearchParamEnum`. Each option's label carries its own test id.
 */
export function MetricSwitch<T extends string>({
  value,
  onChange,
  options,
  ariaLabel,
  testId,
}: {
  value: T;
  onChange: (value: T) => void;
  options: readonly MetricOption<T>[];
  ariaLabel: string;
  testId: string;
}) {
  return (
    <Segmented<T>
      size="small"
      aria-label={ariaLabel}
      data-testid={testId}
      value={value}
      onChange={onChange}
      options={options.map((o) => ({ value: o.value, label: <span data-testid={o.testId}>{o.label}</span> }))}
    />
  );
}
