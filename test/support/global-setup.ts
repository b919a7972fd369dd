// Before any test: the `remit` command's bundle is built from the current sources, so tests that run bin/remit.js
// as a child process test this code, not a bundle left from an earlier build.
import { buildCli } from '../../scripts/build-cli.js';

export default async function setup(): Promise<void> {
  await buildCli();
}
