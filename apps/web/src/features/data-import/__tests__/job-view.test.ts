import type { ImportJob } from '@portrait/shared/imports';
import { describe, expect, it } from 'vitest';
import { countsAddUp, countsRows, formatBytes, progressOf } from '../utils/job-view';

const job = (patch: Partial<ImportJob>): ImportJob => ({
  id: 1,
  source: 'upload',
  status: 'running',
  phase: 'staging',
  createdBy: 'admin',
  createdAt: '2025-07-01T00:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  durationMs: null,
  bytesTotal: 1000,
  bytesRead: 0,
  rowsRead: 0,
  rowsImported: 0,
  rowsRejected: 0,
  files: [],
  counts: {},
  warnings: [],
  quality: null,
  error: null,
  dataVersion: null,
  ...patch,
});

describe('import job view', () => {
  it('When a job moves from upload to done, Then the one progress bar only grows', () => {
    const steps = [
      progressOf(0, undefined),
      progressOf(0.5, undefined),
      progressOf(1, undefined),
      progressOf(1, job({ status: 'queued', phase: 'waiting' })),
      progressOf(1, job({ bytesRead: 500 })),
      progressOf(1, job({ bytesRead: 1000 })),
      progressOf(1, job({ phase: 'merging' })),
      progressOf(1, job({ status: 'succeeded', phase: null })),
    ];
    expect(steps.map((s) => s.step)).toEqual([
      'uploading',
      'uploading',
      'uploading',
      'waiting',
      'staging',
      'staging',
      'merging',
      'done',
    ]);
    const percents = steps.map((s) => s.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)).toBe(100);
  });

  it('When counts are listed, Then they follow the merge order and are checked to add up', () => {
    const counts = {
      order_items: { read: 5, inserted: 3, updated: 0, unchanged: 1, rejected: 1 },
      stores: { read: 2, inserted: 2, updated: 0, unchanged: 0, rejected: 0 },
    };
    const done = job({ status: 'succeeded', rowsRead: 7, rowsImported: 6, rowsRejected: 1, counts });
    expect(countsRows(done).map((r) => r.entity)).toEqual(['stores', 'order_items']);
    expect(countsAddUp(done)).toBe(true);
    expect(countsAddUp({ ...done, rowsImported: 5 })).toBe(false);
  });

  it('When sizes are shown, Then they use the unit that keeps them short', () => {
    expect(formatBytes(12, 'en-US')).toBe('12 B');
    expect(formatBytes(1536, 'en-US')).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024 * 1024, 'zh-CN')).toBe('5 GB');
  });
});
