import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { threadNiceness } from '../../../test/support/thread-niceness.js';
import { BACKGROUND_PRIORITY } from './thread-priority.js';

describe.skipIf(process.platform !== 'linux')('lowerThisThreadPriority', () => {
  it('lowers the calling thread only, and threads it starts inherit it', async () => {
    const before = getPriority();
    const moduleUrl = new URL('./thread-priority.ts', import.meta.url).href;
    // A worker lowers itself, starts a second worker, and reports both thread ids while they are alive.
    const source = `
      const { parentPort, Worker } = require('node:worker_threads');
      const { readlinkSync } = require('node:fs');
      import('tsx/esm/api').then(({ register }) => (register(), import(${JSON.stringify(moduleUrl)}))).then(({ lowerThisThreadPriority }) => {
        const lowered = lowerThisThreadPriority();
        const me = Number(readlinkSync('/proc/thread-self').split('/').pop());
        const child = new Worker("require('node:worker_threads').parentPort.postMessage(Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop())); setInterval(() => {}, 1000)", { eval: true });
        child.once('message', (childId) => parentPort.postMessage({ lowered, me, childId }));
        parentPort.once('message', () => child.terminate().then(() => process.exit(0)));
      });`;
    const worker = new Worker(source, { eval: true });
    try {
      const report = await new Promise<{ lowered: boolean; me: number; childId: number }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      const tasks = threadNiceness();
      expect(report.lowered).toBe(true);
      expect(tasks.get(report.me)).toBe(BACKGROUND_PRIORITY);
      expect(tasks.get(report.childId)).toBe(BACKGROUND_PRIORITY);
      expect(tasks.get(process.pid)).toBe(before);
      expect(getPriority()).toBe(before);
    } finally {
      worker.postMessage('stop');
      await new Promise((resolve) => worker.once('exit', resolve));
    }
  });
});
