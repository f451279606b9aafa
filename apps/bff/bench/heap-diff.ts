/**
 * `tsx bench/heap-diff.ts early.heapsnapshot late.heapsnapshot [top]`: what the live heap gained between two V8 heap
 * snapshots of one process (`pnpm bench:load` writes them with BENCH_HEAP_SNAPSHOTS). Node ids are stable within a
 * process, so objects in the late snapshot whose id the early one lacks were allocated in between and survived a
 * full GC; they are grouped by type and constructor (count and self size), next to each group's count and size in
 * both snapshots. A leak shows as a group that keeps gaining; a bounded cache gains and then stops.
 */
import fs from 'node:fs';

type Group = { count: number; size: number };
type Snapshot = { groups: Map<string, Group>; ids: Set<number>; byId: Map<number, string>; total: number };

function readSnapshot(file: string): Snapshot & { sizes: Map<number, number> } {
  const snap = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const stride = fields.length;
  const [iType, iName, iId, iSize] = ['type', 'name', 'id', 'self_size'].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
    number,
  ];
  const groups = new Map<string, Group>();
  const ids = new Set<number>();
  const byId = new Map<number, string>();
  const sizes = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += stride) {
    const type = types[snap.nodes[i + iType] ?? 0] ?? '?';
    let name = snap.strings[snap.nodes[i + iName] ?? 0] ?? '?';
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string') name = '(string)';
    if (type === 'code' || type === 'hidden' || type === 'array') name = `(${type}) ${name.slice(0, 40)}`;
    if (type === 'closure') name = `(closure) ${name.slice(0, 40)}`;
    const key = `${type}: ${name.slice(0, 60)}`;
    const size = snap.nodes[i + iSize] ?? 0;
    const id = snap.nodes[i + iId] ?? 0;
    const g = groups.get(key) ?? { count: 0, size: 0 };
    g.count++;
    g.size += size;
    groups.set(key, g);
    ids.add(id);
    byId.set(id, key);
    sizes.set(id, size);
    total += size;
  }
  return { groups, ids, byId, total, sizes };
}

const [earlyFile, lateFile, topArg] = process.argv.slice(2);
if (!earlyFile || !lateFile)
  throw new Error('usage: heap-diff.ts early.heapsnapshot late.heapsnapshot [top]');
const top = Number(topArg ?? 30);
const early = readSnapshot(earlyFile);
const late = readSnapshot(lateFile);
const added = new Map<string, Group>();
for (const [id, key] of late.byId) {
  if (early.ids.has(id)) continue;
  const g = added.get(key) ?? { count: 0, size: 0 };
  g.count++;
  g.size += late.sizes.get(id) ?? 0;
  added.set(key, g);
}
const MB = 1024 * 1024;
console.log(
  `self sizes: early ${(early.total / MB).toFixed(1)} MB, late ${(late.total / MB).toFixed(1)} MB; ` +
    `allocated in between and still live: ${([...added.values()].reduce((s, g) => s + g.size, 0) / MB).toFixed(2)} MB`,
);
console.log('new since early (count, KB)      | early count → late count | group');
for (const [key, g] of [...added].sort((a, b) => b[1].size - a[1].size).slice(0, top)) {
  const e = early.groups.get(key) ?? { count: 0, size: 0 };
  const l = late.groups.get(key) ?? { count: 0, size: 0 };
  console.log(
    `${String(g.count).padStart(8)} ${(g.size / 1024).toFixed(0).padStart(8)} KB | ${String(e.count).padStart(8)} → ${String(l.count).padEnd(8)} | ${key}`,
  );
}
