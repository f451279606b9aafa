/**
 * Turns a file's bytes into text, detecting the encoding as it streams:
 *  1. a byte-order mark decides: UTF-8 (EF BB BF), UTF-16LE (FF FE) or UTF-16BE (FE FF); the mark is dropped;
 *  2. otherwise bytes pass through as ASCII until the first byte ≥ 0x80 (ASCII reads the same in every
 *     candidate); from there up to 64 KiB are decoded as strict UTF-8: valid → UTF-8, invalid → GB18030
 *     (a superset of GBK and GB2312, what Excel on a Chinese Windows writes);
 *  3. a file with no byte ≥ 0x80 is reported as UTF-8 (it is valid UTF-8).
 * Memory stays bounded (one chunk plus at most 64 KiB held for the decision).
 */
import iconv from 'iconv-lite';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

const SNIFF_BYTES = 64 * 1024;

type Decoder = { write: (bytes: Buffer) => string; end: () => string };

function decoderFor(encoding: Encoding): Decoder {
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') {
    const td = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
    return { write: (b) => td.decode(b, { stream: true }), end: () => td.decode() };
  }
  const d = iconv.getDecoder(encoding === 'gb18030' ? 'gb18030' : encoding, { stripBOM: false });
  return { write: (b) => d.write(b), end: () => d.end() ?? '' };
}

/** Strict UTF-8 check of a prefix; an incomplete sequence at the very end (cut by the chunk) is fine. */
export function looksLikeUtf8(bytes: Buffer, complete: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

export function bomOf(head: Buffer): { encoding: Encoding; length: number } | null {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8-bom', length: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

function firstHighByte(chunk: Buffer): number {
  for (let i = 0; i < chunk.length; i++) if (chunk[i]! >= 0x80) return i;
  return -1;
}

/**
 * Decodes `source` chunk by chunk. `onEncoding` is called once the encoding is known (at the latest at the end).
 */
export async function* decodeText(
  source: AsyncIterable<Buffer | string>,
  onEncoding: (encoding: Encoding) => void,
): AsyncGenerator<string> {
  let decoder: Decoder | null = null;
  let head = Buffer.alloc(0);
  let bomChecked = false;
  /** Bytes held from the first byte ≥ 0x80 until the UTF-8 decision. */
  let held: Buffer[] = [];
  let heldBytes = 0;

  const decide = (complete: boolean): string => {
    const bytes = Buffer.concat(held);
    held = [];
    heldBytes = 0;
    const encoding: Encoding = looksLikeUtf8(bytes, complete) ? 'utf-8' : 'gb18030';
    onEncoding(encoding);
    decoder = decoderFor(encoding);
    return decoder.write(bytes);
  };

  for await (const piece of source) {
    let chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    if (!bomChecked) {
      head = Buffer.concat([head, chunk]);
      if (head.length < 3) continue;
      bomChecked = true;
      chunk = head;
      const bom = bomOf(head);
      if (bom) {
        onEncoding(bom.encoding);
        decoder = decoderFor(bom.encoding);
        chunk = head.subarray(bom.length);
      }
    }
    if (decoder) {
      const text = (decoder as Decoder).write(chunk);
      if (text) yield text;
      continue;
    }
    if (heldBytes === 0) {
      const high = firstHighByte(chunk);
      if (high < 0) {
        yield chunk.toString('latin1');
        continue;
      }
      if (high > 0) yield chunk.subarray(0, high).toString('latin1');
      chunk = chunk.subarray(high);
    }
    held.push(chunk);
    heldBytes += chunk.length;
    if (heldBytes >= SNIFF_BYTES) {
      const text = decide(false);
      if (text) yield text;
    }
  }

  if (!bomChecked && head.length > 0) {
    // A file shorter than three bytes.
    const bom = bomOf(head);
    if (bom) {
      onEncoding(bom.encoding);
      return;
    }
    if (firstHighByte(head) < 0) {
      onEncoding('utf-8');
      yield head.toString('latin1');
      return;
    }
    held = [head];
    heldBytes = head.length;
  }
  if (!decoder && heldBytes > 0) {
    const text = decide(true);
    if (text) yield text;
  }
  if (decoder) {
    const rest = (decoder as Decoder).end();
    if (rest) yield rest;
  } else onEncoding('utf-8');
}
