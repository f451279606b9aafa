/** Reads the CDNOW sample from ../shared/data/cdnow (never copied into the project); null when it is absent. */
import fs from 'node:fs';
import path from 'node:path';

export const CDNOW_DIR = path.resolve(import.meta.dirname, '../../../../../../../../shared/data/cdnow');
export const CDNOW_SAMPLE = path.join(CDNOW_DIR, 'CDNOW_sample.txt');
export const hasCdnow = fs.existsSync(CDNOW_SAMPLE);

export type CdnowTransaction = { customer: number; day: number; amount: number };

/** Day number (days since 1970-01-01) of a YYYYMMDD date. */
export function dayOf(yyyymmdd: string): number {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** `CDNOW_sample.txt`: no header, whitespace-separated: master id, sample id, date, CDs, dollars. */
export function readCdnowSample(): CdnowTransaction[] {
  return fs
    .readFileSync(CDNOW_SAMPLE, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const [, sampleId, date, , dollars] = line.split(/\s+/);
      return { customer: Number(sampleId), day: dayOf(date ?? ''), amount: Number(dollars) };
    });
}
