// Claude as the NLI judge of ALCE: does the cited text entail the sentence? Used only when a key is set; the client is injected.
import Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import { createError } from '../../core/errors.js';
import { DEFAULT_JUDGE_MODEL } from '../defaults.js';
import type { SupportJudge } from './judge.js';

export interface ClaudeJudgeOptions {
  client: Pick<Anthropic, 'messages'>;
  model?: string;
}

const SYSTEM =
  'You judge textual entailment. Given a PREMISE and a HYPOTHESIS, decide whether a careful reader of the premise alone ' +
  'would accept every part of the hypothesis as stated or directly implied. Background knowledge does not count. ' +
  'Reply with exactly one word: yes or no.';

/** The model's reply: one word, validated like any other model output. */
const Verdict = z
  .string()
  .trim()
  .transform((text) => text.toLowerCase().match(/^(yes|no)\b/)?.[1])
  .pipe(z.enum(['yes', 'no']));

export class ClaudeJudge implements SupportJudge {
  readonly id: string;
  readonly #client: Pick<Anthropic, 'messages'>;
  readonly #model: string;

  constructor(options: ClaudeJudgeOptions) {
    this.#client = options.client;
    this.#model = options.model ?? DEFAULT_JUDGE_MODEL;
    this.id = `claude:${this.#model}`;
  }

  async supports(premise: string, hypothesis: string, signal?: AbortSignal): Promise<boolean> {
    let message: Anthropic.Message;
    try {
      message = await this.#client.messages.create(
        {
          model: this.#model,
          max_tokens: 5,
          system: SYSTEM,
          messages: [{ role: 'user', content: `PREMISE:\n${premise}\n\nHYPOTHESIS:\n${hypothesis}\n\nDoes the premise entail the hypothesis?` }],
        },
        { signal },
      );
    } catch (cause) {
      throw toJudgeError(cause);
    }
    const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
    const verdict = Verdict.safeParse(text);
    if (!verdict.success) {
      throw createError({ code: 'upstream', message: `The Claude judge replied "${text.slice(0, 80)}" instead of yes or no`, cause: verdict.error });
    }
    return verdict.data === 'yes';
  }
}

function toJudgeError(cause: unknown) {
  if (cause instanceof Anthropic.RateLimitError) {
    return createError({ code: 'rate_limited', message: 'The Claude judge was rate limited', hint: 'Run the eval again later or with --judge offline.', cause });
  }
  if (cause instanceof Anthropic.APIConnectionError) {
    return createError({ code: 'model_unavailable', message: 'The Claude judge is unreachable', hint: 'Check the network or use --judge offline.', cause });
  }
  if (cause instanceof Anthropic.APIError) {
    return createError({ code: 'upstream', message: `The Claude judge failed with status ${cause.status ?? 'unknown'}`, cause });
  }
  return createError({ code: 'internal', message: 'The Claude judge failed unexpectedly', cause });
}
