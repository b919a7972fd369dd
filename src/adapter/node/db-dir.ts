// The index folder when none is given: its own module so the CLI can name it without loading the runtime (LanceDB).
export const DEFAULT_DB_DIR = '.remit';
