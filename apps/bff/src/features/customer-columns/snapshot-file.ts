/**
 * A file holding one plain-data value — the customer columns' copy — for a later process to read back in a second
 * instead of loading it from the database. Generic over the value: numbers, strings, booleans, null, undefined,
 * bigints, arrays, plain objects, Maps, Sets and typed arrays, at any depth (whatever arrays a copy gains round-trip
 * without a change here); anything else (a class instance, a function) refuses to be written.
 *
 * Layout: `PCOLSNAP`, the header's length and CRC-32 (u32 LE each), the header (JSON: the key, the value with each
 * typed array replaced by a reference, and each array's type, length, offset and CRC-32), then each array's bytes at
 * an 8-byte-aligned offset. A reader checks the magic, the header's CRC, the key, the file's length and every
 * array's CRC, and answers null on any mismatch: a partial, corrupt or foreign file is never used.
 * A writer writes a file of its own (pid, thread, random in the name) and renames it over the final name, which is
 * atomic: readers see the old file or the new one, never a mix, and two writers of one key leave one whole file.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { threadId } from 'node:worker_threads';
import { crc32 } from 'node:zlib';

const MAGIC = Buffer.from('PCOLSNAP');
const PREFIX_BYTES = MAGIC.length + 8;
const FORMAT = 1;

const TYPED_ARRAYS = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;
type TypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;

/** JSON of the value; special values are one-key objects whose key starts with `$`. */
type Node = null | boolean | number | string | Node[] | { [k: string]: Node };
type ArrayEntry = { t: TypedArrayName; n: number; o: number; c: number };
type Header = { format: number; key: unknown; bytes: number; arrays: ArrayEntry[]; value: Node };

const isTypedArrayName = (name: string): name is TypedArrayName => Object.hasOwn(TYPED_ARRAYS, name);

function encode(value: unknown, arrays: TypedArray[]): Node {
  if (value === null) return null;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return value;
    case 'number':
      // NaN, ±Infinity and -0 do not survive JSON.
      return Number.isFinite(value) && !Object.is(value, -0)
        ? value
        : { $n: Object.is(value, -0) ? '-0' : String(value) };
    case 'undefined':
      return { $u: 1 };
    case 'bigint':
      return { $b: value.toString() };
    case 'object':
      break;
    default:
      throw new Error(`a snapshot cannot hold a ${typeof value}`);
  }
  if (ArrayBuffer.isView(value)) {
    const name = value.constructor.name;
    if (!isTypedArrayName(name) || value.constructor !== TYPED_ARRAYS[name])
      throw new Error(`a snapshot cannot hold a ${name}`);
    arrays.push(value as TypedArray);
    return { $t: arrays.length - 1 };
  }
  if (Array.isArray(value)) return Array.from(value, (v) => encode(v, arrays));
  if (value instanceof Map) return { $m: [...value].map(([k, v]) => [encode(k, arrays), encode(v, arrays)]) };
  if (value instanceof Set) return { $s: [...value].map((v) => encode(v, arrays)) };
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null)
    throw new Error(`a snapshot cannot hold a ${Object.prototype.toString.call(value)}`);
  const out: Record<string, Node> = {};
  for (const [k, v] of Object.entries(value)) out[k] = encode(v, arrays);
  return { $o: out };
}

function decode(node: Node, arrays: TypedArray[]): unknown {
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((n) => decode(n, arrays));
  const [tag, body] = Object.entries(node)[0] ?? [];
  switch (tag) {
    case '$n':
      return Number(body);
    case '$u':
      return undefined;
    case '$b':
      return BigInt(body as string);
    case '$t': {
      const array = arrays[body as number];
      if (!array) throw new Error('a reference to a missing array');
      return array;
    }
    case '$m':
      return new Map((body as [Node, Node][]).map(([k, v]) => [decode(k, arrays), decode(v, arrays)]));
    case '$s':
      return new Set((body as Node[]).map((v) => decode(v, arrays)));
    case '$o': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(body as Record<string, Node>)) out[k] = decode(v, arrays);
      return out;
    }
    default:
      throw new Error(`an unknown node ${tag}`);
  }
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;
const bytesOf = (a: TypedArray) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Writes `value` under `key` to `file` (atomically: a temporary file renamed over it). */
export function writeSnapshot(file: string, key: unknown, value: unknown): void {
  const arrays: TypedArray[] = [];
  const tree = encode(value, arrays);
  // The header's length depends on the offsets written into it: lay the arrays out after a bound on it.
  const entries: ArrayEntry[] = arrays.map((a) => ({
    t: a.constructor.name as TypedArrayName,
    n: a.length,
    o: 0,
    c: crc32(bytesOf(a)),
  }));
  const draft = Buffer.byteLength(
    JSON.stringify({ format: FORMAT, key, bytes: 0, arrays: entries, value: tree }),
  );
  // Offsets and the total add at most 17 digits each to the draft.
  let offset = align8(PREFIX_BYTES + draft + 17 * (entries.length + 1));
  for (const [i, a] of arrays.entries()) {
    entries[i]!.o = offset;
    offset = align8(offset + a.byteLength);
  }
  const header: Header = { format: FORMAT, key, bytes: offset, arrays: entries, value: tree };
  const json = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(PREFIX_BYTES);
  MAGIC.copy(prefix);
  prefix.writeUInt32LE(json.length, MAGIC.length);
  prefix.writeUInt32LE(crc32(json), MAGIC.length + 4);

  const temporary = `${file}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(temporary, 'w', 0o600);
  try {
    fs.writeSync(fd, prefix, 0, prefix.length, 0);
    fs.writeSync(fd, json, 0, json.length, PREFIX_BYTES);
    for (const [i, a] of arrays.entries()) writeAll(fd, bytesOf(a), entries[i]!.o);
    fs.ftruncateSync(fd, offset);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  fs.renameSync(temporary, file);
}

function writeAll(fd: number, bytes: Uint8Array, position: number) {
  for (let done = 0; done < bytes.length;)
    done += fs.writeSync(fd, bytes, done, Math.min(bytes.length - done, 1 << 30), position + done);
}

function readAll(fd: number, into: Uint8Array, position: number): boolean {
  for (let done = 0; done < into.length;) {
    const n = fs.readSync(fd, into, done, Math.min(into.length - done, 1 << 30), position + done);
    if (n === 0) return false;
    done += n;
  }
  return true;
}

/** The value of `file` if it is whole and was written under `key`; otherwise why not (never throws). */
export function readSnapshot(file: string, key: unknown): { value: unknown } | { missing: string } {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return { missing: 'no file' };
  }
  try {
    const size = fs.fstatSync(fd).size;
    const prefix = Buffer.alloc(PREFIX_BYTES);
    if (!readAll(fd, prefix, 0) || !prefix.subarray(0, MAGIC.length).equals(MAGIC))
      return { missing: 'not a snapshot' };
    const json = Buffer.alloc(prefix.readUInt32LE(MAGIC.length));
    if (PREFIX_BYTES + json.length > size || !readAll(fd, json, PREFIX_BYTES))
      return { missing: 'cut short' };
    if (crc32(json) !== prefix.readUInt32LE(MAGIC.length + 4)) return { missing: 'header corrupt' };
    const header = JSON.parse(json.toString()) as Header;
    if (header.format !== FORMAT || !isDeepStrictEqual(header.key, key)) return { missing: 'another key' };
    if (header.bytes !== size) return { missing: 'cut short' };
    const arrays: TypedArray[] = [];
    for (const { t, n, o, c } of header.arrays) {
      if (!isTypedArrayName(t)) return { missing: 'header corrupt' };
      const array = new TYPED_ARRAYS[t](n);
      if (!readAll(fd, bytesOf(array), o)) return { missing: 'cut short' };
      if (crc32(bytesOf(array)) !== c) return { missing: 'array corrupt' };
      arrays.push(array);
    }
    return { value: decode(header.value, arrays) };
  } catch (err) {
    return { missing: `unreadable: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    fs.closeSync(fd);
  }
}
