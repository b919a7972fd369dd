// Large documents for the benchmarks: the one repeated sentence, or a long report made of the corpus
// explainers' bodies as numbered parts (realistic sentences, headings and paragraphs).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR } from './paths.js';

export function largeDocument(kind: 'repeated' | 'report', size: number): string {
  if (kind === 'repeated') return 'Ofcom can fine. '.repeat(Math.ceil(size / 16));
  const bodies = readdirSync(CORPUS_DIR).map((name) => readFileSync(join(CORPUS_DIR, name), 'utf8').replace(/^---[\s\S]*?\n---\n/, ''));
  const parts: string[] = [];
  for (let i = 0, length = 0; length < size; i++) {
    const part = `## Part ${i + 1}\n\n${bodies[i % bodies.length]!.replace(/^# .*$/m, '')}`;
    parts.push(part);
    length += part.length;
  }
  return `# An annual report on online safety enforcement\n\n${parts.join('\n\n')}`;
}
