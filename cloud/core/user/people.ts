import type { Page } from '../../../types/common'
import type { Role } from '../../../types/common'
import type { Person, User } from '../../../types/user'
import type { Ctx } from '../context'
import { conflict, invalid, notFound } from '../errors'
import { logOperation } from '../oplog'
import { maskName } from '../volunteer/rules'

/**
 * 人员 (issue 14): admins find users and give or take roles, units and 测评员 in the console. A
 * user is named by the opaque `userId` (a stored random id): no openid leaves the server except to
 * its owner (docs/security.md), and the real name is shown only masked.
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
  volunteerMinutes: u.volunteerMinutes
})

export async function search(ctx: Ctx, input: { q?: string; role?: Role; villageId?: string; cursor?: string; limit?: number }): Promise<Page<Person>> {
  const text = input.q?.trim() || undefined
  // a village's name matches too: 「幸福」 finds the people of 幸福村
  const textVillageIds = text ? (await ctx.store.directory.listRegions()).filter((r) => r.level === 'village' && r.name.includes(text)).map((r) => r.id) : []
  const page = await ctx.store.users.search({ text, textVillageIds, role: input.role, villageId: input.villageId }, input.cursor, input.limit ?? 20)
  return { items: page.items.map(personOf), nextCursor: page.nextCursor }
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
