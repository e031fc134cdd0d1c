import type { RankingRepo } from '../../core/ranking/ports'
import type { Db } from './db'
import type { Exec } from './lock'

export function sqliteRanking(_db: Db, _exec: Exec): RankingRepo {
  return {}
}
