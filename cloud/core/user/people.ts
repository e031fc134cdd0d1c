import type { Page } from '../../../types/common'
import type { Role } from '../../../types/common'
import { GRID_VILLAGES_MAX, type Person, type User } from '../../../types/user'
import type { Ctx } from '../context'
import { conflict, invalid, notFound } from '../errors'
import { logOperation } from '../oplog'
import { maskName } from '../volunteer/rules'

/**
 * 人员 (issue 14): admins find users and give or take roles, units and 测评员 in the console. A
 * user is named by the opaque `userId` (a stored random id): no openid leaves the server except to
 * its owner (docs/security.md), and the real name is shown only masked.
 *
 * 网格员 (grid workers) are an assignment, not a role: an admin names anyone — usually staff of a
 * town's office or a resident volunteer — 网格员 of some villages (`setGrid`) and they keep their
 * role. Being a 网格员 grants nothing (who may handle a case is the role's and the unit's business,
 * `mayHandle`); it says who looks after a village, found by `search({ gridVillageId })`.
 */

export const personOf = (u: User): Person => ({
  userId: u.userId ?? '',
  nickname: u.nickname,
  role: u.role,
  unitId: u.unitId,
  villageId: u.villageId,
  evaluator: u.evaluator === true,
  realName: u.realName ? maskName(u.realName) : null,
  points: u.points,
  volunteerMinutes: u.volunteerMinutes,
  gridVillageIds: u.gridVillageIds ?? [],
  shopIds: u.shopIds ?? []
})

export async function search(ctx: Ctx, input: { q?: string; role?: Role; villageId?: string; grid?: boolean; gridVillageId?: string; withTotal?: boolean; cursor?: string; limit?: number }): Promise<Page<Person>> {
  const text = input.q?.trim() || undefined
  // a village's name matches too: 「幸福」 finds the people of 幸福村
  const textVillageIds = text ? (await ctx.store.directory.listRegions()).filter((r) => r.level === 'village' && r.name.includes(text)).map((r) => r.id) : []
  const filter = { text, textVillageIds, role: input.role, villageId: input.villageId, grid: input.grid, gridVillageId: input.gridVillageId }
  const [page, total] = await Promise.all([ctx.store.users.search(filter, input.cursor, input.limit ?? 20), input.withTotal ? ctx.store.users.searchTotal(filter) : undefined])
  return { items: page.items.map(personOf), nextCursor: page.nextCursor, ...(total !== undefined ? { total } : {}) }
}

export async function setRole(ctx: Ctx, input: { openid?: string; userId?: string; role: Role; unitId?: string; evaluator?: boolean }): Promise<Person & Partial<User>> {
  const target = input.userId !== undefined ? await ctx.store.users.getByUserId(input.userId) : await ctx.store.users.get(input.openid!)
  if (!target) throw notFound('用户不存在')
  if (target.openid === ctx.user.openid && input.role !== 'admin') throw conflict('不能取消自己的管理员身份')
  if (input.role === 'staff' && !input.unitId) throw invalid('工作人员必须指定所属单位', 'unitId')
  if (input.unitId && !(await ctx.store.directory.getUnit(input.unitId))) throw invalid('单位不存在', 'unitId')
  const roleOf = (u: { role: string; unitId: string | null; evaluator?: boolean }) => ({ role: u.role, unitId: u.unitId, evaluator: u.evaluator === true })
  const after = await ctx.store.transaction(async (tx) => {
    const before = await tx.users.get(target.openid)
    const changed = await tx.users.update(target.openid, { role: input.role, unitId: input.unitId ?? null, ...(input.evaluator === undefined ? {} : { evaluator: input.evaluator }) })
    await logOperation(ctx, tx, 'user.setRole', `user:${changed.nickname}`, before ? roleOf(before) : null, roleOf(changed))
    return changed
  })
  if (input.userId !== undefined) return personOf(after) // named by the handle: no openid in the answer
  const { realName, ...shown } = after // the real name is for the certificate, not for admins
  void realName
  return { ...shown, ...personOf(after) }
}

/**
 * 网格员 (admins): names the person 网格员 of these villages, replacing the list before (in the
 * order given, repeats dropped); `[]` ends it. Each must be a village of the district (one read
 * of the reference data). The role stays. Logged with the villages before and after; a list that
 * changes nothing writes nothing.
 */
export async function setGrid(ctx: Ctx, input: { userId: string; villageIds: string[] }): Promise<Person> {
  const villageIds = [...new Set(input.villageIds)]
  if (villageIds.length > GRID_VILLAGES_MAX) throw invalid(`一位网格员最多负责 ${GRID_VILLAGES_MAX} 个村居`, 'villageIds')
  const [target, regions] = await Promise.all([ctx.store.users.getByUserId(input.userId), villageIds.length ? ctx.store.directory.listRegions() : Promise.resolve([])])
  if (!target) throw notFound('用户不存在')
  for (const id of villageIds) {
    const region = regions.find((r) => r.id === id)
    const at = `villageIds.${input.villageIds.indexOf(id)}`
    if (!region) throw invalid(`村居「${id}」不存在`, at)
    if (region.level !== 'village') throw invalid(`「${region.name}」是镇街，网格员只能负责村居`, at)
  }
  const after = await ctx.store.transaction(async (tx) => {
    const before = (await tx.users.get(target.openid)) ?? target
    const was = before.gridVillageIds ?? []
    if (was.length === villageIds.length && was.every((id, i) => id === villageIds[i])) return before
    const changed = await tx.users.update(target.openid, { gridVillageIds: villageIds })
    await logOperation(ctx, tx, 'user.setGrid', `user:${changed.nickname}`, { gridVillageIds: was }, { gridVillageIds: villageIds })
    return changed
  })
  return personOf(after)
}
