/**
 * A streaming RFC 4180 record reader that keeps going after a bad record. csv-parse was tried first, but once
 * it meets a stray quote its `skip_records_with_error` swallows every row after it; here a malformed record
 * costs exactly that record:
 *  - a character right after a closing quote: the record is rejected up to the end of its physical line;
 *  - a quoted value never closed (by the end of the file, or within MAX_QUOTED_LINES / MAX_RECORD_CHARS):
 *    the record's first physical line is rejected and reading starts again on the next line.
 * Lines without a quote take a fast path (indexOf + split). Line numbers are physical (1 = the header);
 * empty lines are skipped.
 */

export type CsvRecord =
  | { line: number; raw: string; fields: string[]; error?: undefined }
  | { line: number; raw: string; fields?: undefined; error: string };

export const MAX_QUOTED_LINES = 100;
export const MAX_RECORD_CHARS = 256 * 1024;

type Step =
  | { kind: 'record'; record: CsvRecord; next: number; lines: number }
  | { kind: 'need-more' }
  | { kind: 'resync'; record: CsvRecord; next: number };

/** Parses one quoted record starting at `start`; `final` = no more text will come. */
function parseQuoted(buf: string, start: number, line: number, final: boolean): Step {
  const fields: string[] = [];
  let field = '';
  let i = start;
  let lines = 1;
  let quoted = false;
  let afterQuote = false;
  const firstLineEnd = () => {
    const n = buf.indexOf('\n', start);
    return n < 0 ? buf.length : n;
  };
  const tooLong = () => lines > MAX_QUOTED_LINES || i - start > MAX_RECORD_CHARS;
  const unclosed = (): Step => {
    const end = firstLineEnd();
    return {
      kind: 'resync',
      record: { line, raw: stripCr(buf.slice(start, end)), error: 'a quoted value is never closed' },
      next: end + 1,
    };
  };
  while (i < buf.length) {
    const c = buf[i]!;
    if (quoted) {
      if (c === '"') {
        if (buf[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        if (i + 1 >= buf.length && !final) return { kind: 'need-more' };
        quoted = false;
        afterQuote = true;
        i++;
        continue;
      }
      if (c === '\n') {
        lines++;
        if (tooLong()) return unclosed();
      }
      field += c;
      i++;
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      afterQuote = false;
      i++;
      continue;
    }
    if (c === '\n' || (c === '\r' && buf[i + 1] === '\n') || (c === '\r' && i + 1 >= buf.length && final)) {
      fields.push(field);
      const end = c === '\r' ? i + 2 : i + 1;
      return {
        kind: 'record',
        record: { line, raw: stripCr(buf.slice(start, i)), fields },
        next: end,
        lines,
      };
    }
    if (c === '\r' && i + 1 >= buf.length) return { kind: 'need-more' };
    if (afterQuote) {
      // Text after a closing quote: reject this record through the end of its physical line.
      const n = buf.indexOf('\n', i);
      if (n < 0 && !final) return { kind: 'need-more' };
      const end = n < 0 ? buf.length : n;
      const raw = stripCr(buf.slice(start, end));
      return {
        kind: 'record',
        record: { line, raw, error: `unexpected "${c}" after a closing quote` },
        next: end + 1,
        lines,
      };
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
      continue;
    }
    // A quote inside an unquoted value (12" pizza) is kept as a character.
    field += c;
    i++;
  }
  if (quoted) return final ? unclosed() : tooLong() ? unclosed() : { kind: 'need-more' };
  if (!final) return { kind: 'need-more' };
  fields.push(field);
  return { kind: 'record', record: { line, raw: buf.slice(start), fields }, next: buf.length + 1, lines };
}

const stripCr = (s: string) => (s.endsWith('\r') ? s.slice(0, -1) : s);

/** Yields every record of the text stream, in order, with its starting line number. */
export async function* csvRecords(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  for await (const batch of csvRecordBatches(chunks)) yield* batch;
}

/**
 * The records of the text stream in batches, one per text chunk: a caller looping over a batch pays the
 * async-iteration cost (a promise and a turn of the event loop) once per chunk instead of once per record.
 */
export async function* csvRecordBatches(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord[]> {
  let buf = '';
  let pos = 0;
  let line = 1;

  function* drain(final: boolean): Generator<CsvRecord> {
    while (pos < buf.length) {
      const nl = buf.indexOf('\n', pos);
      if (nl < 0 && !final) return;
      const end = nl < 0 ? buf.length : nl;
      const text = stripCr(buf.slice(pos, end));
      if (text.indexOf('"') < 0) {
        if (text.length > 0) yield { line, raw: text, fields: text.split(',') };
        pos = end + 1;
        line++;
        continue;
      }
      const step = parseQuoted(buf, pos, line, final);
      if (step.kind === 'need-more') return;
      yield step.record;
      if (step.kind === 'resync') {
        line++;
      } else line += step.lines;
      pos = step.next;
    }
  }

  for await (const chunk of chunks) {
    buf = pos > 0 ? buf.slice(pos) + chunk : buf + chunk;
    pos = 0;
    const batch = [...drain(false)];
    if (batch.length > 0) yield batch;
  }
  const rest = [...drain(true)];
  if (rest.length > 0) yield rest;
}
