import type { ResultProps } from 'antd';
import { lazy, Suspense } from 'react';

// antd's Result carries its 403/404/500 illustrations (≈ 10 KB gzipped): only error screens need it, so it loads
// with the first one instead of with every page.
const Result = lazy(() => import('antd/es/result'));

/** antd's Result, loaded on first use. */
export function LazyResult(props: ResultProps) {
  return (
    <Suspense fallback={<div role="status" className="page-center" />}>
      <Result {...props} />
    </Suspense>
  );
}
