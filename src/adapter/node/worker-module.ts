// Where a worker thread's module is: the bundle's JavaScript beside its starter (bin/remit.js builds every worker
// module as a top-level entry), or, running from source, the TypeScript module behind a bootstrap that registers tsx.
export interface WorkerModule {
  filename: string;
  execArgv: string[];
  workerData?: { module: string };
}

export function workerModule(name: string, file?: string): WorkerModule {
  if (file) return { filename: file, execArgv: process.execArgv };
  if (!import.meta.url.endsWith('.ts')) return { filename: new URL(`./${name}.js`, import.meta.url).href, execArgv: process.execArgv };
  return {
    filename: new URL('./tsx-worker.mjs', import.meta.url).href,
    execArgv: process.execArgv,
    workerData: { module: new URL(`./${name}.ts`, import.meta.url).href },
  };
}
