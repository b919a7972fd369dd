import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answerSystemText } from './core/answer/claude/prompts.js';
import { DEFAULT_PROMPTS_DIR, loadPrompts } from './prompts.js';

const temps: string[] = [];
afterEach(async () => Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true }))));

/** A copy of the real prompts folder with one file replaced. */
async function promptsWith(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'remit-prompts-'));
  temps.push(dir);
  for (const file of ['answer.v1.md', 'rewrite.v1.md']) await writeFile(join(dir, file), await readFile(join(DEFAULT_PROMPTS_DIR, file), 'utf8'));
  await writeFile(join(dir, name), text);
  return dir;
}

describe('loadPrompts', () => {
  it('loads the versioned prompts with their front matter', async () => {
    const prompts = await loadPrompts();
    expect(prompts.answer.id).toBe('answer.v1');
    expect(prompts.rewrite.id).toBe('rewrite.v1');
    expect(prompts.answer.user).toContain('{{question}}');
    const system = answerSystemText(prompts.answer);
    expect(system).toContain(prompts.answer.abstain);
    expect(system).not.toContain('{{');
    expect(system).toMatch(/as reported on/);
  });

  it('refuses a template missing its placeholder', async () => {
    const dir = await promptsWith('answer.v1.md', '---\nversion: 1\nabstain: "Not covered by the sources."\nuser: "no placeholder"\n---\nRules {{abstain}}');
    await expect(loadPrompts({ dir })).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('{{question}}') });
  });

  it('refuses a file without front matter, a version mismatch, and a missing file', async () => {
    await expect(loadPrompts({ dir: await promptsWith('rewrite.v1.md', 'just text') })).rejects.toMatchObject({ message: expect.stringContaining('front matter') });
    await expect(loadPrompts({ dir: await promptsWith('rewrite.v1.md', '---\nversion: 2\nuser: "{{history}} {{question}}"\n---\nx') })).rejects.toMatchObject({ message: expect.stringContaining('version 2') });
    await expect(loadPrompts({ answerVersion: 9 })).rejects.toMatchObject({ message: expect.stringContaining('answer.v9.md') });
  });
});
