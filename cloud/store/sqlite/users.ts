import type { User } from '../../../types/user'
import type { Role } from '../../../types/common'
import type { UserRepo } from '../../core/ports'
import type { Db } from './db'
import type { Exec } from './lock'

interface Row {
  openid: string
  nickname: string
  role: Role
  unit_id: string | null
  village_id: string | null
  points: number
  volunteer_minutes: number
  elder_mode: number
  evaluator: number
  real_name: string | null
}

const toUser = (r: Row): User => ({
  openid: r.openid,
  nickname: r.nickname,
  role: r.role,
  unitId: r.unit_id,
  villageId: r.village_id,
  points: r.points,
  volunteerMinutes: r.volunteer_minutes,
  elderMode: r.elder_mode === 1,
  evaluator: r.evaluator === 1,
  realName: r.real_name
})

const COLUMNS = { nickname: 'nickname', villageId: 'village_id', role: 'role', unitId: 'unit_id', elderMode: 'elder_mode', evaluator: 'evaluator', realName: 'real_name' } as const

export function sqliteUsers(db: Db, exec: Exec): UserRepo {
  const get = db.prepare<[string], Row>('SELECT * FROM users WHERE openid = ?')
  const insert = db.prepare(
    `INSERT INTO users (openid, nickname, role, unit_id, village_id, points, volunteer_minutes, elder_mode, evaluator, real_name)
     VALUES (@openid, @nickname, @role, @unitId, @villageId, @points, @volunteerMinutes, @elderMode, @evaluator, @realName)
     ON CONFLICT (openid) DO NOTHING`
  )
  const addTotals = db.prepare(
    'UPDATE users SET points = points + ?, volunteer_minutes = volunteer_minutes + ? WHERE openid = ?'
  )
  const byRole = db.prepare<[string], Row>('SELECT * FROM users WHERE role = ? ORDER BY openid')

  const read = (openid: string): User => {
    const row = get.get(openid)
    if (!row) throw new Error(`user ${openid} missing`)
    return toUser(row)
  }

  return {
    get: (openid) => exec(() => {
      const row = get.get(openid)
      return row ? toUser(row) : null
    }),
    insertIfAbsent: (user) => exec(() => {
      insert.run({ ...user, elderMode: user.elderMode ? 1 : 0, evaluator: user.evaluator ? 1 : 0, realName: user.realName ?? null })
      return read(user.openid)
    }),
    update: (openid, patch) => exec(() => {
      const keys = (Object.keys(patch) as (keyof typeof COLUMNS)[]).filter((k) => patch[k] !== undefined)
      if (keys.length) {
        const sets = keys.map((k) => `${COLUMNS[k]} = @${k}`).join(', ')
        const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0)
        const values = { ...patch, elderMode: flag(patch.elderMode), evaluator: flag(patch.evaluator) }
        db.prepare(`UPDATE users SET ${sets} WHERE openid = @openid`).run({ ...values, openid })
      }
      return read(openid)
    }),
    addTotals: (openid, delta) => exec(() => {
      addTotals.run(delta.points ?? 0, delta.volunteerMinutes ?? 0, openid)
      return read(openid)
    }),
    getMany: (openids) => exec(() => {
      const ids = [...new Set(openids)]
      if (!ids.length) return []
      return db.prepare<string[], Row>(`SELECT * FROM users WHERE openid IN (${ids.map(() => '?').join(', ')})`).all(...ids).map(toUser)
    }),
    listByRole: (role) => exec(() => byRole.all(role).map(toUser)),
    remove: (openid) => exec(() => void db.prepare('DELETE FROM users WHERE openid = ?').run(openid))
  }
}
