import { describe, expect, it } from 'vitest';
import { parseClaudePrompts, parsePromptFile, promptFileName } from './prompt-file.js';

const ANSWER = '---\nversion: 2\nabstain: "Not covered by the sources."\nuser: |\n  Question: {{question}}\n---\nRules. Else say: {{abstain}}\n';
const REWRITE = '---\nversion: 1\nuser: "{{history}} / {{question}}"\n---\r\nRewrite it.';
const source = (text: string, version = 2) => ({ version, text, origin: 'test.md' });

describe('parsePromptFile', () => {
  it('splits front matter from the system prompt, with LF or CRLF line ends', () => {
    expect(parsePromptFile('answer', source(ANSWER))).toEqual({
      id: 'answer.v2',
      system: 'Rules. Else say: {{abstain}}',
      user: 'Question: {{question}}\n',
      abstain: 'Not covered by the sources.',
    });
    expect(parsePromptFile('rewrite', source(REWRITE.replaceAll('\n', '\r\n'), 1))).toMatchObject({ id: 'rewrite.v1', system: 'Rewrite it.' });
    expect(promptFileName('answer', 2)).toBe('answer.v2.md');
  });

  it('refuses missing front matter, broken YAML, a missing field and a version mismatch, naming the file', () => {
    expect(() => parsePromptFile('answer', source('Rules only'))).toThrow(/test\.md needs front matter/);
    expect(() => parsePromptFile('answer', source('---\nversion: [2\n---\nx'))).toThrow(/not valid YAML/);
    expect(() => parsePromptFile('answer', source('---\nversion: 2\n---\nx'))).toThrow(/needs front matter with version and user/);
    expect(() => parsePromptFile('answer', source(ANSWER, 1))).toThrow(/says version 2, expected 1/);
  });
});

describe('parseClaudePrompts', () => {
  it('validates both files into the prompts the answerer takes', () => {
    const prompts = parseClaudePrompts({ answer: source(ANSWER), rewrite: source(REWRITE, 1) });
    expect(prompts.answer.id).toBe('answer.v2');
    expect(prompts.rewrite.user).toBe('{{history}} / {{question}}');
  });

  it('refuses a template that lost its placeholder, with a typed error', () => {
    const broken = ANSWER.replace('{{question}}', '');
    expect(() => parseClaudePrompts({ answer: source(broken), rewrite: source(REWRITE, 1) })).toThrow(
      expect.objectContaining({ code: 'internal', message: expect.stringContaining('{{question}}') }),
    );
  });
});
