import { setImmediate } from 'node:timers'
import type { Store } from '../../core/ports'
import type { Db } from './db'
import type { Lock } from './lock'

interface Waiting {
  fn: (tx: Store) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/** At most this many transactions share one COMMIT, which bounds how long the first of them waits. */
const MAX_GROUP = 64
/** Deferred writes (`later`) wait at most this long for a group to ride on before one runs for them. */
export const LATER_MS = 250

/**
 * Group commit. A COMMIT costs far more than the few statements of a typical transaction (every
 * page it changed is written to the WAL, and every ~1,000 pages the WAL is checkpointed with
 * fsync), and the transactions of concurrent requests mostly touch the same pages. So the
 * transactions requested during one turn of the event loop wait for its check phase
 * (setImmediate) and then run one after another, in the order asked, inside a single
 * BEGIN IMMEDIATE … COMMIT:
 * - each runs inside its own SAVEPOINT: when its callback throws, only its own writes are rolled
 *   back and it is rejected with that error, exactly as if it had run alone;
 * - each sees the writes of those before it in the group (same connection), so checks such as
 *   idempotency keys and rate limits stay exact;
 * - none is settled before the COMMIT has returned: an answered write is as durable as before
 *   (WAL, synchronous=NORMAL). If COMMIT fails, every transaction of the group is rejected.
 * The group holds the store's lock from BEGIN to COMMIT, so statements outside transactions wait
 * for it and never see its writes before they are committed.
 */
export class GroupCommit {
  private waiting: Waiting[] = []
  private scheduled = false
  /** Writes nobody waits for, done at the start of the next group (see `later`). */
  private deferred: (() => void)[] = []
  private deferTimer: NodeJS.Timeout | null = null
  private readonly begin
  private readonly commit
  private readonly rollback
  private readonly savepoint
  private readonly release
  private readonly rollbackTo

  constructor(
    private readonly db: Db,
    private readonly lock: Lock,
    private readonly tx: Store,
    /** Called after each successful COMMIT. */
    private readonly committed: () => void = () => undefined
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE')
    this.commit = db.prepare('COMMIT')
    this.rollback = db.prepare('ROLLBACK')
    this.savepoint = db.prepare('SAVEPOINT one')
    this.release = db.prepare('RELEASE one')
    this.rollbackTo = db.prepare('ROLLBACK TO one')
  }

  /** Rolls the open transaction back, if any. */
  private abandon(): void {
    try {
      if (this.db.inTransaction) this.rollback.run()
    } catch {
      // the connection is unusable; nothing of the group was committed
    }
  }

  run<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ fn, resolve: resolve as (value: unknown) => void, reject })
      this.schedule()
    })
  }

  /**
   * A write nobody waits for and that may be lost (the outbox's pushed marks: a lost one means a
   * message pushed twice), done inside the next group's transaction instead of paying a COMMIT of
   * its own: at the latest after LATER_MS, or when the store closes (`flush`). It runs in its own
   * savepoint before the group's transactions; if it throws, only it is rolled back.
   */
  later(write: () => void): void {
    this.deferred.push(write)
    if (this.deferTimer) return
    this.deferTimer = setTimeout(() => {
      this.deferTimer = null
      if (this.deferred.length) this.schedule()
    }, LATER_MS)
    this.deferTimer.unref()
  }

  /** Writes what was deferred now (before closing the store). */
  flush(): Promise<void> {
    return this.deferred.length ? this.run(async () => undefined) : Promise.resolve()
  }

  private runDeferred(): void {
    if (this.deferTimer) clearTimeout(this.deferTimer)
    this.deferTimer = null
    const writes = this.deferred.splice(0)
    for (const write of writes) {
      try {
        if (!this.db.inTransaction) this.begin.run()
        this.savepoint.run()
      } catch {
        return // e.g. the database was closed: the writes are lost, as their callers accepted
      }
      try {
        write()
        this.release.run()
      } catch {
        try {
          if (this.db.inTransaction) {
            this.rollbackTo.run()
            this.release.run()
          }
        } catch {
          this.abandon()
        }
      }
    }
  }

  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      const group = this.waiting.splice(0, MAX_GROUP)
      if (this.waiting.length) this.schedule()
      void this.lock.run(() => this.runGroup(group))
    })
  }

  private async runGroup(group: Waiting[]): Promise<void> {
    let done: { waiting: Waiting; result: unknown }[] = []
    /** Rejects what ran so far: its writes are gone with the transaction. */
    const lose = (error: unknown) => {
      for (const d of done) d.waiting.reject(error)
      done = []
    }
    this.runDeferred()
    for (const waiting of group) {
      try {
        if (!this.db.inTransaction) this.begin.run()
        this.savepoint.run()
      } catch (error) {
        waiting.reject(error) // e.g. the database was closed
        continue
      }
      try {
        const result = await waiting.fn(this.tx)
        this.release.run()
        done.push({ waiting, result })
      } catch (error) {
        waiting.reject(error)
        try {
          if (this.db.inTransaction) {
            this.rollbackTo.run()
            this.release.run()
          }
        } catch {
          // cannot undo just this one: give the whole transaction up below
          this.abandon()
        }
        if (!this.db.inTransaction) lose(error) // SQLite rolled the whole transaction back (e.g. disk full)
      }
    }
    if (!this.db.inTransaction) return
    try {
      this.commit.run()
    } catch (error) {
      this.abandon()
      lose(error)
      return
    }
    this.committed()
    for (const d of done) d.waiting.resolve(d.result)
  }
}
