// CPU time of one extractive answer over 8 hits of the news articles (a figure to read, not a test).
// Run: node --import tsx bench/extractive.ts
import { ExtractiveAnswerer } from '../src/core/answer/extractive.js';
import { hitsFor, loadNews } from '../test/support/news-fixture.js';

const news = loadNews();
const answerer = new ExtractiveAnswerer();
const sets = ['What can Ofcom fine under the Online Safety Act?', 'Which country first blocked Grok?', 'What did Albanese say?'].map((question) => ({
  question,
  hits: hitsFor(news, question, 8),
}));
const answerAll = async () => {
  for (const { question, hits } of sets) await answerer.answer({ question, query: question, history: [], hits, getDocument: news.getDocument });
};

await answerAll();
const runs = 100;
const started = process.cpuUsage();
for (let i = 0; i < runs; i++) await answerAll();
const used = process.cpuUsage(started);
console.log(`extractive answer, 8 hits: ${((used.user + used.system) / 1000 / (runs * sets.length)).toFixed(2)} ms of CPU each`);
