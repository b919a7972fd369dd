// `npm run build:widget`: writes dist/widget.js (for static hosting or a Workers deploy) and prints its gzipped size.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PACKAGE_ROOT } from './package-root.js';
import { buildWidget } from './widget-bundle.js';

const out = join(PACKAGE_ROOT, 'dist/widget.js');
const { js } = await buildWidget();
await mkdir(dirname(out), { recursive: true });
await writeFile(out, js);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
process.stdout.write(`${out}: ${kb(Buffer.byteLength(js))} minified, ${kb(gzipSync(js, { level: 9 }).length)} gzipped\n`);
