import type { Store } from '../../core/ports'
import { openDb, type Db } from './db'
import { Lock, type Exec } from './lock'
import { sqliteUsers } from './users'
import { sqliteDirectory } from './directory'
import { sqliteCounters } from './counters'
import { sqliteMessages } from './messages'
import { sqliteReport } from './reports'
import { sqliteVolunteer } from './volunteer'
import { sqliteRanking } from './ranking'

export { openDb, type Db }

type Repos = Omit<Store, 'transaction' | 'close'>

function repos(db: Db, exec: Exec): Repos {
  return {
    users: sqliteUsers(db, exec),
    directory: sqliteDirectory(db, exec),
    counters: sqliteCounters(db, exec),
    messages: sqliteMessages(db, exec),
    reports: sqliteReport(db, exec),
    volunteer: sqliteVolunteer(db, exec),
    ranking: sqliteRanking(db, exec)
  }
}

/**
 * The SQLite store. One connection; the lock lets one transaction run at a time and makes
 * statements outside a transaction wait for it, so a write is never swept into someone else's
 * transaction. `transaction` is BEGIN IMMEDIATE … COMMIT, rolled back if the callback throws.
 */
export function createSqliteStore(file: string): Store & { db: Db } {
  const db = openDb(file)
  const lock = new Lock()
  const direct: Exec = async (fn) => fn()
  const locked: Exec = (fn) => lock.run(fn)
  const txRepos = repos(db, direct)

  const txStore: Store = {
    ...txRepos,
    transaction: (fn) => fn(txStore),
    close: async () => undefined
  }

  return {
    db,
    ...repos(db, locked),
    transaction: (fn) =>
      lock.run(async () => {
        db.exec('BEGIN IMMEDIATE')
        try {
          const result = await fn(txStore)
          db.exec('COMMIT')
          return result
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK')
          throw error
        }
      }),
    close: async () => {
      await lock.run(() => db.close())
    }
  }
}
