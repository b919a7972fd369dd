import { describe, expect, it } from 'vitest';
import { createMemoryRateLimitStore } from './rate-limit.js';

describe('memory rate-limit store', () => {
  it('counts per key within a window and starts afresh when it ends', async () => {
    const store = createMemoryRateLimitStore();
    expect(await store.hit('a', 60_000, 0)).toEqual({ count: 1, resetAt: 60_000 });
    expect(await store.hit('a', 60_000, 59_999)).toEqual({ count: 2, resetAt: 60_000 });
    expect(await store.hit('b', 60_000, 59_999)).toEqual({ count: 1, resetAt: 119_999 });
    expect(await store.hit('a', 60_000, 60_000)).toEqual({ count: 1, resetAt: 120_000 });
  });

  it('does not let a caller change a stored window through the returned value', async () => {
    const store = createMemoryRateLimitStore();
    const first = await store.hit('a', 1_000, 0);
    first.count = -100;
    expect((await store.hit('a', 1_000, 1)).count).toBe(2);
  });
});
