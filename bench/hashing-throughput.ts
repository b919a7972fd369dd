// Measures HashingEmbedder throughput on ~800-character passages of the shared news articles.
// Run: node --import tsx bench/hashing-throughput.ts
import { readdirSync, readFileSync } from 'node:fs';
import { NEWS_DIR, newsFile } from '../test/support/paths.js';
import { HashingEmbedder } from '../src/core/embed/hashing.js';

const text = readdirSync(NEWS_DIR)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => readFileSync(newsFile(name), 'utf8'))
  .join('\n\n');
const passages: string[] = [];
for (let start = 0; start + 800 <= text.length; start += 400) passages.push(text.slice(start, start + 800));

const embedder = new HashingEmbedder();
await embedder.embed(passages, 'passage'); // warm up the JIT
const rounds = 20;
const started = performance.now();
for (let round = 0; round < rounds; round++) await embedder.embed(passages, 'passage');
const seconds = (performance.now() - started) / 1000;
const perSecond = Math.round((passages.length * rounds) / seconds);
console.log(`${embedder.id}: ${passages.length} passages x ${rounds} rounds, ${perSecond} chunks/s on one core`);
