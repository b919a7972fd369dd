// The package's root folder. This module sits one level below the root both as src/package-root.ts and inside the
// CLI bundle dist/remit.mjs, so paths to corpus/, prompts/ and src/widget/ resolve the same from either.
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));
