// Creating a folder and its missing parents without Node's recursive mkdir, which spins forever (100% CPU, never
// settles) when an existing parent cannot hold children: a path under /proc, or a dangling symbolic link.
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** Like `mkdir -p`: a no-op for an existing folder; otherwise creates each missing level and fails with that level's error. */
export async function makeDirectory(path: string): Promise<void> {
  const missing: string[] = [];
  for (let current = resolve(path); ; current = dirname(current)) {
    try {
      if ((await stat(current)).isDirectory()) break;
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), { code: 'ENOTDIR', path: current });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(current) === current) throw error;
      missing.unshift(current);
    }
  }
  for (const folder of missing) {
    // EEXIST: created meanwhile, or a dangling link whose child then fails with its own error below.
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => (error.code === 'EEXIST' ? undefined : Promise.reject(error)));
  }
}
