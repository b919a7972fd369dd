import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileFeedbackStore, readFeedbackFile } from './feedback-file.js';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'remit-feedback-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

const record = (i: number) => ({ id: `f${i}`, answerId: `ans_${i}`, rating: i % 2 ? ('up' as const) : ('down' as const), receivedAt: new Date(0).toISOString() });

describe('file feedback store', () => {
  it('appends one JSON line per record, concurrent appends intact, in a folder it creates', async () => {
    const path = join(dir, 'nested', 'feedback.jsonl');
    const store = createFileFeedbackStore(path);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(record(i))));
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(20);
    expect((await store.list()).map((r) => r.id).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `f${i}`).sort());
  });

  it('survives a torn last line and reads nothing from a missing file', async () => {
    const path = join(dir, 'feedback.jsonl');
    expect(await readFeedbackFile(path)).toEqual([]);
    await createFileFeedbackStore(path).append(record(1));
    await appendFile(path, '{"id":"f2","answerId":"an');
    expect(await readFeedbackFile(path)).toEqual([record(1)]);
    await createFileFeedbackStore(path).append(record(3));
    expect(await readFeedbackFile(path)).toEqual([record(1), record(3)]);
  });

  it('refuses a record that is not feedback', async () => {
    const store = createFileFeedbackStore(join(dir, 'feedback.jsonl'));
    await expect(store.append({ ...record(1), rating: 'meh' as 'up' })).rejects.toMatchObject({ code: 'internal' });
  });
});
