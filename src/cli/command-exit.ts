// A command that ran elsewhere (the serving thread) and already said why it stopped: only its exit code is left.
export class CommandExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exited with code ${exitCode}`);
    this.name = 'CommandExit';
  }
}
