import type { Command } from 'commander';
import { createError } from '../core/errors.js';
import { type CliContext, type CommonFlags, withRuntime } from './context.js';
import { renderDocumentList } from './render.js';

interface ListFlags extends CommonFlags {
  json?: boolean;
}

export function registerSourcesCommands(program: Command, ctx: CliContext): void {
  program
    .command('sources')
    .description('List the documents in the index')
    .option('--db <dir>', 'index folder (default $REMIT_DB or .remit)')
    .option('--json', 'print JSON')
    .action(async (flags: ListFlags) => {
      await withRuntime(ctx, flags, async ({ store }) => {
        const documents = await store.listDocuments();
        ctx.io.out(flags.json ? `${JSON.stringify(documents, null, 2)}\n` : renderDocumentList(documents));
      });
    });

  program
    .command('source')
    .description('Print one document: its metadata and clean text')
    .argument('<docId>', 'a document id from `remit sources`')
    .option('--db <dir>', 'index folder (default $REMIT_DB or .remit)')
    .option('--json', 'print JSON')
    .action(async (docId: string, flags: ListFlags) => {
      await withRuntime(ctx, flags, async ({ store }) => {
        const document = await store.getDocument(docId);
        if (!document) throw createError({ code: 'not_found', message: `No document ${docId}`, hint: 'List ids with `remit sources`.' });
        if (flags.json) ctx.io.out(`${JSON.stringify(document, null, 2)}\n`);
        else ctx.io.out(`${renderDocumentList([document])}\n${document.text}\n`);
      });
    });
}
