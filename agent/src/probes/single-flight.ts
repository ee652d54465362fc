/**
 * Runs at most one job per key at a time: a second caller for a key whose job
 * is still running gets the same promise instead of starting another. Keeps a
 * slow target from piling up connections when rounds or `check_now` requests
 * come faster than it answers.
 *
 * @example
 * const flights = new SingleFlight<TcpProbeResult>();
 * await flights.run('tcp 1.1.1.1:443', () => probeTcp(target, options));
 */
export class SingleFlight<T> {
  readonly #running = new Map<string, Promise<T>>();

  run(key: string, job: () => Promise<T>): Promise<T> {
    const running = this.#running.get(key);
    if (running) return running;
    const promise = job().finally(() => this.#running.delete(key));
    this.#running.set(key, promise);
    return promise;
  }

  /** Keys whose job is still running. */
  get size(): number {
    return this.#running.size;
  }
}
