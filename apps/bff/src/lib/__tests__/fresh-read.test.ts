/** freshRead: concurrent callers share reads, but none is answered by a read sent before it arrived. */
import { describe, expect, it } from 'vitest';
import { freshRead } from '../fresh-read';

/** A read whose answers the test releases by hand; `value` is what the "database" holds when a read is sent. */
function controlledRead() {
  let value = 0;
  const pending: (() => void)[] = [];
  let sent = 0;
  const read = () => {
    sent++;
    const seen = value;
    return new Promise<number>((resolve) => pending.push(() => resolve(seen)));
  };
  const flush = async () => {
    while (pending.length > 0) {
      pending.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { read, flush, set: (v: number) => (value = v), sent: () => sent };
}

describe('freshRead', () => {
  it('When callers arrive while a read is in flight, Then they share the next read, sent after they arrived', async () => {
    const db = controlledRead();
    const get = freshRead(db.read);
    const first = get(); // sent now, sees 0
    db.set(1); // a commit lands while that read is on its way
    const later = [get(), get(), get()];
    await db.flush();
    expect(await first).toBe(0);
    expect(await Promise.all(later)).toEqual([1, 1, 1]);
    expect(db.sent()).toBe(2);
  });

  it('When nothing is in flight, Then a caller gets its own read; a failed read fails only its callers', async () => {
    let calls = 0;
    const get = freshRead(async () => {
      calls++;
      if (calls === 1) throw new Error('connection reset');
      return calls;
    });
    await expect(get()).rejects.toThrow('connection reset');
    expect(await get()).toBe(2);
    expect(await get()).toBe(3);
  });
});
