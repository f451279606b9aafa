/** A value with every kind a snapshot holds, its arrays filled from `seed` (snapshot tests). */
export function sampleValue(seed: number) {
  const shared = new ArrayBuffer(64);
  const ints = new Int32Array(shared, 8, 6).map((_, i) => seed * 10 + i);
  return {
    seed,
    version: 7,
    text: '门店 · store',
    flags: [true, false, null, undefined],
    odd: [Number.NaN, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53, 0.1],
    big: 12345678901234567890n,
    storeIndex: new Map([
      ['S001', 0],
      ['S002', 1],
    ]),
    numericKeys: new Map<number, string[]>([[3, ['a', 'b']]]),
    set: new Set(['x', 'y']),
    keys: [
      ['12', 'pos', 'dine_in'],
      ['13', 'meituan', ''],
    ],
    nested: { deeper: { list: [ints, new Float64Array([seed + 0.5, -1.25])] } },
    // Views into one buffer (as a builder's arrays may be): each is written as its own bytes.
    ints,
    bytes: new Uint8Array(shared, 0, 8).fill(seed % 256),
    arrays: {
      i8: Int8Array.of(-1, 2),
      u8c: Uint8ClampedArray.of(255),
      i16: Int16Array.of(-300),
      u16: Uint16Array.of(65535, seed % 65536),
      u32: Uint32Array.of(4_000_000_000),
      f32: Float32Array.of(1.5),
      b64: BigInt64Array.of(-5n),
      bu64: BigUint64Array.of(5n),
      empty: new Float64Array(0),
      large: new Int32Array(100_000).map((_, i) => (i * 7 + seed) | 0),
    },
  };
}
