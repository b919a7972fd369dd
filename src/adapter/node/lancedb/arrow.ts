// LanceDB is CommonJS and recognises Arrow objects with instanceof, so we build them with the same CommonJS copy of
// apache-arrow it loads; the ESM copy an `import` gives us is a different module and its tables are rejected.
import { createRequire } from 'node:module';
import type * as Arrow from 'apache-arrow';

export const arrow = createRequire(import.meta.url)('apache-arrow') as typeof Arrow;
