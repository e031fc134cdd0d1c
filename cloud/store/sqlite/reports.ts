import type { ReportRepo } from '../../core/report/ports'
import type { Db } from './db'
import type { Exec } from './lock'

// Placeholder until the report journey lands its tables: no cases yet.
export function sqliteReport(_db: Db, exec: Exec): ReportRepo {
  return {
    villageStats: () => exec(() => ({ received: 0, resolved: 0, resolvedOnTime: 0, ratingSum: 0, ratingCount: 0 }))
  }
}
