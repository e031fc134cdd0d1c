/** Serialises async sections: one SQLite connection, one writer at a time. */
export class Lock {
  private tail: Promise<void> = Promise.resolve()

  async run<T>(fn: () => Promise<T> | T): Promise<T> {
    const previous = this.tail
    let release!: () => void
    this.tail = new Promise<void>((resolve) => (release = resolve))
    await previous
    try {
      return await fn()
    } finally {
      release()
    }
  }
}

/**
 * How a repository runs a statement: for the root store, at once when no transaction is open and
 * through the lock otherwise; directly inside a transaction (which already holds it). See index.ts.
 */
export type Exec = <T>(fn: () => T) => Promise<T>
