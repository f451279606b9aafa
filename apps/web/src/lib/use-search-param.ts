import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A view option kept in the URL (`?by=revenue`), one of `values`, `fallback` when absent or unknown.
 * Changing it replaces the history entry: it is a view toggle, not a navigation.
 */
export function useSearchParamEnum<const T extends string>(
  name: string,
  values: readonly T[],
  fallback: T,
): [T, (next: T) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get(name);
  const value = values.find((v) => v === raw) ?? fallback;
  const setValue = useCallback(
    (next: T) => {
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          p.set(name, next);
          return p;
        },
        { replace: true },
      );
    },
    [name, setParams],
  );
  return [value, setValue];
}
