/** The record reader and the encoding detection, on hand-made text and bytes. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvRecords, MAX_QUOTED_LINES, type CsvRecord } from '../csv-records';
import { decodeText, type Encoding } from '../decode';

async function records(text: string, chunkSize = 7): Promise<CsvRecord[]> {
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
  }
  const out: CsvRecord[] = [];
  for await (const r of csvRecords(chunks())) out.push(r);
  return out;
}

async function decode(bytes: Buffer, chunkSize = 1000): Promise<{ text: string; encoding: Encoding | null }> {
  let encoding: Encoding | null = null;
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  let text = '';
  for await (const t of decodeText(chunks(), (e) => (encoding = e))) text += t;
  return { text, encoding };
}

describe('CSV records', () => {
  it('When values are quoted, hold commas, quotes and newlines, Then fields and line numbers are right', async () => {
    const text = 'a,b,c\r\n1,"x, y",3\n2,"say ""hi""","two\nlines"\n\n3,12" pizza,z';
    for (const size of [1, 3, 7, 1000]) {
      const rows = await records(text, size);
      expect(rows.map((r) => [r.line, r.fields])).toEqual([
        [1, ['a', 'b', 'c']],
        [2, ['1', 'x, y', '3']],
        [3, ['2', 'say "hi"', 'two\nlines']],
        [6, ['3', '12" pizza', 'z']],
      ]);
    }
  });

  it('When a record has text after a closing quote, Then only that record is rejected', async () => {
    const rows = await records('a,b\n"bad"x,1\n2,3\n');
    expect(rows[1]).toMatchObject({
      line: 2,
      raw: '"bad"x,1',
      error: expect.stringMatching(/closing quote/),
    });
    expect(rows[2]).toMatchObject({ line: 3, fields: ['2', '3'] });
  });

  it('When a quote is never closed, Then its first line is rejected and the next lines still read', async () => {
    const rows = await records('a,b\n1,"open\n2,3\n4,5\n');
    expect(rows[1]).toMatchObject({ line: 2, raw: '1,"open', error: expect.stringMatching(/never closed/) });
    expect(rows.slice(2).map((r) => [r.line, r.fields])).toEqual([
      [3, ['2', '3']],
      [4, ['4', '5']],
    ]);
  });

  it('When an open quote would swallow too many lines, Then reading resumes on the next line', async () => {
    const body = Array.from({ length: MAX_QUOTED_LINES + 20 }, (_, i) => `${i},ok`).join('\n');
    const rows = await records(`a,b\nx,"never closed\n${body}\n`, 4096);
    expect(rows[1]?.error).toBeDefined();
    expect(rows).toHaveLength(2 + MAX_QUOTED_LINES + 20);
    expect(rows.at(-1)).toMatchObject({
      line: 3 + MAX_QUOTED_LINES + 19,
      fields: [`${MAX_QUOTED_LINES + 19}`, 'ok'],
    });
  });
});

describe('Encoding detection', () => {
  const text = 'store_id,store_name,city\nS1,人民广场店,上海\nS2,天河店,广州\n';

  it('When a file is UTF-8, UTF-8 with BOM, GBK or GB18030, Then the text reads back the same', async () => {
    const cases: [Buffer, Encoding][] = [
      [Buffer.from(text, 'utf8'), 'utf-8'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8-bom'],
      [iconv.encode(text, 'gbk'), 'gb18030'],
      [iconv.encode(text, 'gb18030'), 'gb18030'],
      [iconv.encode(text, 'utf-16le', { addBOM: true }), 'utf-16le'],
    ];
    for (const [bytes, expected] of cases) {
      for (const size of [1, 2, 5, 1000]) {
        const decoded = await decode(bytes, size);
        expect(decoded.encoding, `${expected} in chunks of ${size}`).toBe(expected);
        expect(decoded.text, `${expected} in chunks of ${size}`).toBe(text);
      }
    }
  });

  it('When the first Chinese text of a GBK file comes after 100 KB of ASCII, Then it is still read as GB18030', async () => {
    const ascii = Array.from({ length: 5000 }, (_, i) => `S${i},Store ${i},City`).join('\n');
    const full = `store_id,store_name,city\n${ascii}\nS9,人民广场店,上海\n`;
    const decoded = await decode(iconv.encode(full, 'gbk'), 4096);
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toBe(full);
  });

  it('When a file is pure ASCII, Then it is reported as UTF-8', async () => {
    expect(await decode(Buffer.from('a,b\n1,2\n'))).toEqual({ text: 'a,b\n1,2\n', encoding: 'utf-8' });
  });
});
