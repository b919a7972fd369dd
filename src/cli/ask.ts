import { type Command, Option } from 'commander';
import { createError } from '../core/errors.js';
import type { Answer } from '../core/schema.js';
import { passageCount } from './options.js';
import { answersExtractively, askRunningServer } from './ask-via-server.js';
import { type CliContext, type CommonFlags, indexDir, withRuntime } from './context.js';
import { renderSources } from './render.js';

interface AskFlags extends CommonFlags {
  k?: number;
  json?: boolean;
  mode?: 'extractive' | 'claude';
  /** false with --no-server. */
  server?: boolean;
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
    .option('--no-server', 'answer in this process even when `remit serve` is running on the index')
    .action(async (words: string[], flags: AskFlags) => {
      const { io } = ctx;
      const request = { question: words.join(' '), k: flags.k, mode: flags.mode };
      // A running server on this index answers at once; this process would first load the answerer (~1.4 s).
      const served = flags.server !== false && !flags.embedder && answersExtractively(flags.mode, io.env) ? await askRunningServer(indexDir(io, flags), request, io.env) : undefined;
      if (served) {
        io.out(flags.json ? `${JSON.stringify(served, null, 2)}\n` : `${served.answer}\n\n${renderSources(served)}\n`);
        return;
      }
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
