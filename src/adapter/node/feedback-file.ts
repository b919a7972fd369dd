// Feedback on Node: an append-only JSONL file, fsynced per entry, that eval tooling can read line by line.
import { type FileHandle, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createError } from '../../core/errors.js';
import { isUnwritable, unwritableForClient } from './unwritable.js';
import { readTextFile } from './read-json-file.js';
import { FeedbackRecord, type FeedbackStore } from '../../http/feedback-store.js';

export function createFileFeedbackStore(path: string): FeedbackStore {
  // Appends run one at a time, so two requests never interleave bytes within a line.
  let queue: Promise<unknown> = Promise.resolve();
  let checkedTail = false;
  const append = async (record: FeedbackRecord) => {
    const line = `${JSON.stringify(FeedbackRecord.parse(record))}\n`;
    await mkdir(dirname(path), { recursive: true });
    const file = await open(path, 'a+');
    try {
      // After a crash mid-append the file ends in a torn line: start on a fresh line so this record stays readable.
      const torn = !checkedTail && (await endsWithoutNewline(file));
      checkedTail = true;
      await file.appendFile(torn ? `\n${line}` : line, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
  };
  return {
    append(record) {
      const done = queue.then(() => append(record));
      queue = done.catch(() => {});
      return done.catch((cause: unknown) => {
        // A read-only or full disk is the operator's to fix (503 with the cause); anything else is our bug.
        if (isUnwritable(cause)) throw unwritableForClient(`store the feedback in ${path}`, cause);
        throw createError({ code: 'internal', message: 'Could not store the feedback', cause });
      });
    },
    list: () => readFeedbackFile(path),
  };
}

async function endsWithoutNewline(file: FileHandle): Promise<boolean> {
  const { size } = await file.stat();
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  await file.read(last, 0, 1, size - 1);
  return last[0] !== 0x0a;
}

/** Every well-formed record; a torn last line (a crash mid-append) is skipped rather than failing the read. */
export async function readFeedbackFile(path: string): Promise<FeedbackRecord[]> {
  const text = (await readTextFile(path, { code: 'internal' })) ?? '';
  return text.split('\n').flatMap((line) => {
    if (!line.trim()) return [];
    try {
      const parsed = FeedbackRecord.safeParse(JSON.parse(line));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return [];
    }
  });
}
