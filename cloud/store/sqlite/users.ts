import type { User } from '../../../types/user'
import type { Role } from '../../../types/common'
import type { UserRepo, UserSearch } from '../../core/ports'
import { newId } from '../../core/ids'
import { cursorOf, parseCursor } from '../cursor'
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
  user_id: string | null
  grid_village_ids: string
  shop_ids: string
}

const gridOf = (text: string): string[] => {
  const ids = JSON.parse(text) as unknown
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : []
}

export const toUser = (r: Row): User => ({
  openid: r.openid,
  nickname: r.nickname,
  role: r.role,
  unitId: r.unit_id,
  villageId: r.village_id,
  points: r.points,
  volunteerMinutes: r.volunteer_minutes,
  elderMode: r.elder_mode === 1,
  evaluator: r.evaluator === 1,
  realName: r.real_name,
  ...(r.user_id ? { userId: r.user_id } : {}),
  ...(r.grid_village_ids !== '[]' ? { gridVillageIds: gridOf(r.grid_village_ids) } : {}),
  ...(r.shop_ids !== '[]' ? { shopIds: gridOf(r.shop_ids) } : {})
})

const COLUMNS = { nickname: 'nickname', villageId: 'village_id', role: 'role', unitId: 'unit_id', elderMode: 'elder_mode', evaluator: 'evaluator', realName: 'real_name', userId: 'user_id', gridVillageIds: 'grid_village_ids', shopIds: 'shop_ids' } as const

export function sqliteUsers(db: Db, exec: Exec): UserRepo {
  const get = db.prepare<[string], Row>('SELECT * FROM users WHERE openid = ?')
  const insert = db.prepare(
    `INSERT INTO users (openid, nickname, role, unit_id, village_id, points, volunteer_minutes, elder_mode, evaluator, real_name, user_id, grid_village_ids)
     VALUES (@openid, @nickname, @role, @unitId, @villageId, @points, @volunteerMinutes, @elderMode, @evaluator, @realName, @userId, @gridVillageIds)
     ON CONFLICT (openid) DO NOTHING`
  )
  const addTotals = db.prepare(
    'UPDATE users SET points = points + ?, volunteer_minutes = volunteer_minutes + ? WHERE openid = ?'
  )
  const byRole = db.prepare<[string], Row>('SELECT * FROM users WHERE role = ? ORDER BY openid')
  const byUserId = db.prepare<[string], Row>('SELECT * FROM users WHERE user_id = ?')
  /** LIKE with the text's own % and _ taken literally. */
  const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  /** The WHERE of `search` without the cursor: users with a handle, and the filter's conditions. */
  const searchWhere = (filter: UserSearch): { where: string[]; params: (string | number)[] } => {
    const where: string[] = ['user_id IS NOT NULL']
    const params: (string | number)[] = []
    if (filter.text) {
      const villages = filter.textVillageIds ?? []
      where.push(`(nickname LIKE ? ESCAPE '\\' OR real_name LIKE ? ESCAPE '\\'${villages.length ? ` OR village_id IN (${villages.map(() => '?').join(', ')})` : ''})`)
      params.push(like(filter.text), like(filter.text), ...villages)
    }
    if (filter.role) {
      where.push('role = ?')
      params.push(filter.role)
    }
    if (filter.villageId) {
      where.push('village_id = ?')
      params.push(filter.villageId)
    }
    // 网格员: the partial index users_grid holds only them
    if (filter.grid || filter.gridVillageId) where.push("grid_village_ids <> '[]'")
    if (filter.gridVillageId) {
      where.push('EXISTS (SELECT 1 FROM json_each(grid_village_ids) WHERE value = ?)')
      params.push(filter.gridVillageId)
    }
    if (filter.shopId) {
      where.push("shop_ids <> '[]' AND EXISTS (SELECT 1 FROM json_each(shop_ids) WHERE value = ?)")
      params.push(filter.shopId)
    }
    return { where, params }
  }

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
      insert.run({ ...user, elderMode: user.elderMode ? 1 : 0, evaluator: user.evaluator ? 1 : 0, realName: user.realName ?? null, userId: user.userId ?? newId(), gridVillageIds: JSON.stringify(user.gridVillageIds ?? []) })
      return read(user.openid)
    }),
    update: (openid, patch) => exec(() => {
      const keys = (Object.keys(patch) as (keyof typeof COLUMNS)[]).filter((k) => patch[k] !== undefined)
      if (keys.length) {
        const sets = keys.map((k) => `${COLUMNS[k]} = @${k}`).join(', ')
        const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0)
        const values = { ...patch, elderMode: flag(patch.elderMode), evaluator: flag(patch.evaluator), gridVillageIds: patch.gridVillageIds === undefined ? undefined : JSON.stringify(patch.gridVillageIds), shopIds: patch.shopIds === undefined ? undefined : JSON.stringify(patch.shopIds) }
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
    staffOf: (unitIds) => exec(() => {
      const ids = [...new Set(unitIds)]
      if (!ids.length) return []
      return db.prepare<string[], Row>(`SELECT * FROM users WHERE role = 'staff' AND unit_id IN (${ids.map(() => '?').join(', ')}) ORDER BY openid LIMIT 1000`).all(...ids).map(toUser)
    }),
    getByUserId: (userId) => exec(() => {
      const row = byUserId.get(userId)
      return row ? toUser(row) : null
    }),
    search: (filter, cursor, limit) => exec(() => {
      const { where, params } = searchWhere(filter)
      const c = parseCursor(cursor)
      if (c) {
        where.push('user_id > ?')
        params.push(c.id)
      }
      const rows = db.prepare<(string | number)[], Row>(`SELECT * FROM users WHERE ${where.join(' AND ')} ORDER BY user_id LIMIT ?`).all(...params, limit + 1)
      const last = rows.length > limit ? rows[limit - 1] : undefined
      return { items: rows.slice(0, limit).map(toUser), nextCursor: last ? cursorOf(0, last.user_id!) : null }
    }),
    searchTotal: (filter) => exec(() => {
      const { where, params } = searchWhere(filter)
      return db.prepare<(string | number)[], number>(`SELECT COUNT(*) FROM users WHERE ${where.join(' AND ')}`).pluck().get(...params) ?? 0
    }),
    remove: (openid) => exec(() => void db.prepare('DELETE FROM users WHERE openid = ?').run(openid))
  }
}
