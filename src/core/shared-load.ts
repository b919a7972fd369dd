// A value loaded once and shared by every caller until reset. A failed load is forgotten, so a passing fault (a busy
// disk, a network blip at the edge) does not stick: the next caller loads again.
export class SharedLoad<T> {
  #loading: Promise<T> | null = null;

  get(load: () => Promise<T>): Promise<T> {
    if (!this.#loading) {
      const loading: Promise<T> = load().catch((error: unknown) => {
        // Only this load is forgotten: a reset may already have started another.
        if (this.#loading === loading) this.#loading = null;
        throw error;
      });
      this.#loading = loading;
    }
    return this.#loading;
  }

  /** The next get() loads again (what was loaded is stale). */
  reset(): void {
    this.#loading = null;
  }
}
