/**
 * Checks one CSV record against its entity's format and turns it into a staging row (the values after the
 * origin columns, in `stageColumns` order), or says why it cannot be imported.
 */
import { createHash } from 'node:crypto';
import { SHANGHAI_OFFSET_MINUTES, utcMsToDay } from '@portrait/shared/dates';
import type { CsvValue } from '../demo/csv';
import type { ColumnSpec, EntitySpec } from './formats';
import {
  ORDER_STATUSES,
  ORDER_TYPES,
  parseChoice,
  parseDay,
  parseDecimal,
  parseInstant,
  parseInteger,
  type Parsed,
  type Problem,
} from './values';

/** Longer values are refused rather than cut: ids and names are never silently changed. */
export const MAX_VALUE_LENGTH = 500;

export type HeaderPlan = {
  /** For each spec column, its index in the record (-1 = the header lacks it). */
  index: number[];
  fieldCount: number;
  /** Bit i set = optional column i is in the header. */
  present: number;
  missingRequired: string[];
  unknown: string[];
};

export function planHeader(spec: EntitySpec, header: string[]): HeaderPlan {
  const names = header.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim().toLowerCase());
  const index = spec.columns.map((c) => names.indexOf(c.name));
  let present = 0;
  index.forEach((at, i) => {
    if (at >= 0) present |= 1 << i;
  });
  const known = new Set(spec.columns.map((c) => c.name));
  return {
    index,
    fieldCount: header.length,
    present,
    missingRequired: spec.columns.filter((c, i) => c.required && index[i]! < 0).map((c) => c.name),
    unknown: names.filter((n) => n !== '' && !known.has(n)),
  };
}

export type RowResult = { ok: true; values: CsvValue[] } | { ok: false; problem: Problem };

const problem = (reason: Problem['reason'], message: string): RowResult => ({
  ok: false,
  problem: { reason, message },
});

function parseCell(c: ColumnSpec, raw: string): Parsed<CsvValue> {
  switch (c.type) {
    case 'id':
    case 'text':
      return { ok: true, value: raw };
    case 'int':
      return parseInteger(raw, c.name, c.min, c.max);
    case 'decimal':
      return parseDecimal(raw, c.name, c.min, c.max);
    case 'lat':
      return parseDecimal(raw, c.name, -90, 90);
    case 'lng':
      return parseDecimal(raw, c.name, -180, 180);
    case 'day':
      return parseDay(raw);
    case 'instant':
    case 'instant_or_day':
      // validateRow parses instants itself (it keeps their milliseconds for the derived columns).
      throw new Error('parseCell: instants are parsed by validateRow');
    case 'order_type':
      return parseChoice(raw, c.name, ORDER_TYPES);
    case 'order_status':
      return parseChoice(raw, c.name, ORDER_STATUSES);
  }
}

/** Validates `fields` (one record) under `plan`. */
export function validateRow(spec: EntitySpec, plan: HeaderPlan, fields: string[]): RowResult {
  if (fields.length !== plan.fieldCount)
    return problem(
      'bad_field_count',
      `the row has ${fields.length} fields, the header has ${plan.fieldCount}`,
    );
  if (plan.missingRequired.length > 0)
    return problem('missing_column', `the file has no ${plan.missingRequired.join(', ')} column`);
  const values: CsvValue[] = [];
  let derivedFrom: number | null = null;
  for (let i = 0; i < spec.columns.length; i++) {
    const c = spec.columns[i]!;
    const at = plan.index[i]!;
    const raw = at < 0 ? '' : fields[at]!.trim();
    if (raw.includes('\uFFFD') || raw.includes('\u0000'))
      return problem('bad_encoding', `${c.name} holds bytes that are not text in the file's encoding`);
    if (raw.length > MAX_VALUE_LENGTH)
      return problem('too_long', `${c.name} is ${raw.length} characters long (at most ${MAX_VALUE_LENGTH})`);
    if (raw === '') {
      if (c.required) return problem('missing_value', `${c.name} is empty`);
      // An absent column stays null (the merge keeps what is stored); an empty cell takes the default.
      values.push(at >= 0 && c.defaultValue !== undefined ? c.defaultValue : null);
      continue;
    }
    if (c.type === 'instant' || c.type === 'instant_or_day') {
      const t = parseInstant(raw, c.type === 'instant_or_day');
      if (!t.ok) return t;
      values.push(new Date(t.value).toISOString());
      if (c.db === spec.derivedFrom) derivedFrom = t.value;
      continue;
    }
    const parsed = parseCell(c, raw);
    if (!parsed.ok) return parsed;
    values.push(parsed.value);
  }
  if (spec.entity === 'events' && values[0] === null) values[0] = eventDigest(values);
  if (spec.derived && derivedFrom !== null) {
    const local = derivedFrom + SHANGHAI_OFFSET_MINUTES * 60_000;
    const dayNo = Math.floor(local / MS_PER_DAY);
    for (const d of spec.derived)
      values.push(d === 'day' ? dayText(dayNo) : Math.floor((local - dayNo * MS_PER_DAY) / MS_PER_HOUR));
  }
  return { ok: true, values };
}

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;
/** YYYY-MM-DD of day number `dayNo` (days since 1970-01-01), cached: a file's orders span few days. */
const dayTexts = new Map<number, string>();
function dayText(dayNo: number): string {
  let text = dayTexts.get(dayNo);
  if (text === undefined) {
    text = utcMsToDay(dayNo * MS_PER_DAY);
    if (dayTexts.size < 100_000) dayTexts.set(dayNo, text);
  }
  return text;
}

/** An event without event_id gets a digest of its content, so re-importing it finds the same row. */
function eventDigest(values: CsvValue[]): string {
  const text = values
    .slice(1)
    .map((v) => (v === null || v === undefined ? '' : String(v)))
    .join('\u001f');
  return `ev_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
}
