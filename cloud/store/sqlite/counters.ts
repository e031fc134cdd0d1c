import type { CounterRepo } from '../../core/ports'
import type { Db } from './db'
import type { Exec } from './lock'

export function sqliteCounters(db: Db, exec: Exec): CounterRepo {
  const get = db.prepare<[string], number>('SELECT value FROM counters WHERE name = ?').pluck()
  const add = db.prepare<[string, number], number>(
    `INSERT INTO counters (name, value) VALUES (?, ?)
     ON CONFLICT (name) DO UPDATE SET value = value + excluded.value RETURNING value`
  ).pluck()
  const take = db.prepare<[string, number]>(
    `INSERT INTO counters (name, value) VALUES (?, 1)
     ON CONFLICT (name) DO UPDATE SET value = value + 1 WHERE value < ?`
  )
  return {
    get: (name) => exec(() => get.get(name) ?? 0),
    add: (name, delta) => exec(() => add.get(name, delta)!),
    take: (name, allowed) => exec(() => allowed > 0 && take.run(name, allowed).changes === 1)
  }
}
