import { describe, expect, it } from 'vitest';
import { SharedLoad } from './shared-load.js';

describe('SharedLoad', () => {
  it('loads once for concurrent and later callers, and again after reset', async () => {
    let loads = 0;
    const shared = new SharedLoad<number>();
    const load = async () => ++loads;
    expect(await Promise.all([shared.get(load), shared.get(load)])).toEqual([1, 1]);
    expect(await shared.get(load)).toBe(1);
    shared.reset();
    expect(await shared.get(load)).toBe(2);
  });

  it('forgets a failed load, but not a newer one started after a reset', async () => {
    const shared = new SharedLoad<string>();
    let fail!: (error: Error) => void;
    const failing = shared.get(() => new Promise<string>((_, reject) => (fail = reject)));
    shared.reset();
    const newer = shared.get(async () => 'newer');
    fail(new Error('disk busy'));
    await expect(failing).rejects.toThrow('disk busy');
    expect(await shared.get(async () => 'unused')).toBe('newer');
    await expect(newer).resolves.toBe('newer');

    const broken = new SharedLoad<string>();
    await expect(broken.get(async () => Promise.reject(new Error('once')))).rejects.toThrow('once');
    expect(await broken.get(async () => 'retried')).toBe('retried');
  });
});
