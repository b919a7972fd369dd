import { type Command, Option } from 'commander';
import { createError } from '../core/errors.js';
import type { Answer } from '../core/schema.js';
import { passageCount } from './options.js';
import { type CliContext, type CommonFlags, withRuntime } from './context.js';
import { renderSources } from './render.js';

interface AskFlags extends CommonFlags {
  k?: number;
  json?: boolean;
  mode?: 'extractive' | 'claude';
}


export function registerAskCommand(program: Command, ctx: CliContext): void {
  program
    .command('ask')
    .description('Answer a question from the index, citing the exact passages')
    .argument('<question...>', 'the question (quote it or not)')
    .option('--db <dir>', 'index folder (default $REMIT_DB or .remit)')
    .option('--k <n>', 'passages to retrieve', passageCount)
    .addOption(new Option('--mode <mode>', 'who writes the answer').choices(['extractive', 'claude']))
    .option('--json', 'print the Answer as JSON')
    .action(async (words: string[], flags: AskFlags) => {
      const { io } = ctx;
      const request = { question: words.join(' '), k: flags.k, mode: flags.mode };
      await withRuntime(ctx, flags, async ({ ask }) => {
        if (flags.json) {
          io.out(`${JSON.stringify(await ask.ask(request), null, 2)}\n`);
          return;
        }
        let answer: Answer | undefined;
        for await (const event of ask.stream(request)) {
          if (event.type === 'text') io.out(event.delta);
          else if (event.type === 'done') answer = event.answer;
          else if (event.type === 'error') throw createError({ code: event.error.code === 'bad_input' ? 'bad_input' : 'internal', message: event.error.message });
        }
        if (answer) io.out(`\n\n${renderSources(answer)}\n`);
      });
    });
}
