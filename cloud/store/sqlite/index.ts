import type { Store } from '../../core/ports'
import { openDb, type Db } from './db'
import { Lock, type Exec } from './lock'
import { sqliteUsers } from './users'
import { DirectoryMemo, sqliteDirectory } from './directory'
import { sqliteCounters } from './counters'
import { sqliteMessages } from './messages'
import { sqliteReport } from './reports'
import { sqliteOperations } from './operations'
import { sqliteOpen311 } from './open311'
import { sqliteConsoleLogins } from './consoleLogins'
import { sqliteVolunteer } from './volunteer'
import { sqliteRanking } from './ranking'
import { sqlitePoints } from './points'
import { sqliteShop } from './shop'
import { sqliteNotices } from './notices'
import { sqliteCampaign } from './campaign'
import { sqliteHouseholds } from './households'
import { GroupCommit } from './group'
import { Checkpointer } from './checkpointer'

export { openDb, type Db }

type Repos = Omit<Store, 'transaction' | 'close'>

function repos(db: Db, exec: Exec, directoryMemo: DirectoryMemo, later?: (write: () => void) => void): Repos {
  return {
    users: sqliteUsers(db, exec),
    directory: sqliteDirectory(db, exec, directoryMemo),
    counters: sqliteCounters(db, exec),
    messages: sqliteMessages(db, exec, later),
    reports: sqliteReport(db, exec),
    operations: sqliteOperations(db, exec),
    open311: sqliteOpen311(db, exec),
    consoleLogins: sqliteConsoleLogins(db, exec),
    volunteer: sqliteVolunteer(db, exec),
    ranking: sqliteRanking(db, exec),
    points: sqlitePoints(db, exec),
    shop: sqliteShop(db, exec),
    notices: sqliteNotices(db, exec),
    campaign: sqliteCampaign(db, exec),
    households: sqliteHouseholds(db, exec)
  }
}

/**
 * The SQLite store. One connection runs every statement (a worker thread's second one only
 * checkpoints the WAL, see checkpointer.ts); a write is never swept into someone else's
 * transaction and a read never sees a write that may still roll back:
 * - `transaction` runs its callback inside BEGIN IMMEDIATE … COMMIT, rolled back (to its own
 *   savepoint) if the callback throws, and settles only once COMMIT has returned. Transactions
 *   requested in the same turn of the event loop share one COMMIT (group commit, see group.ts);
 * - a statement outside a transaction runs at once when no transaction is open (better-sqlite3 is
 *   synchronous, so nothing can interleave with it and it sees exactly the committed state); while
 *   one is open (its callback awaits between statements), it waits for the lock, as before.
 */
export function createSqliteStore(file: string): Store & { db: Db } {
  const db = openDb(file)
  const lock = new Lock()
  const direct: Exec = async (fn) => fn()
  const outside: Exec = (fn) => (db.inTransaction ? lock.run(fn) : direct(fn))
  const directoryMemo = new DirectoryMemo()
  const txRepos = repos(db, direct, directoryMemo)

  const txStore: Store = {
    ...txRepos,
    transaction: (fn) => fn(txStore),
    close: async () => undefined
  }
  const checkpointer = file === ':memory:' ? null : new Checkpointer(file)
  const group = new GroupCommit(db, lock, txStore, () => checkpointer?.committed())

  // pushed marks ride on the next group's COMMIT instead of paying one each (issue 23)
  const outer = repos(db, outside, directoryMemo, (write) => group.later(write))
  const pendingPush = outer.messages.pendingPush
  return {
    db,
    ...outer,
    // the outbox's read sees every mark made before it (a sweep soon after a push must not push again)
    messages: { ...outer.messages, pendingPush: async (from, to, limit) => (await group.flush(), pendingPush(from, to, limit)) },
    transaction: (fn) => group.run(fn),
    close: async () => {
      await group.flush()
      await checkpointer?.close()
      await lock.run(() => db.close())
    }
  }
}
