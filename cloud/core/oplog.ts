import type { Ctx } from './context'
import { newId } from './ids'
import type { Store, StoredOperation } from './ports'
import { isoLocal } from './time'
import type { Operation, OperationAction } from '../../types/user'
import { invalid } from './errors'

/**
 * Appends one entry to the operation log in the transaction `tx` (the change's own, so an entry
 * exists exactly when the change committed): who, when, what, before and after.
 */
/**
 * Entry ids sort as they were made within a process (time, then a counter), so entries of the
 * same millisecond list in order; the random tail keeps ids of different processes apart.
 */
let made = 0
const entryId = (at: Date) => `${at.getTime().toString(36)}-${(made++ % 1_679_616).toString(36).padStart(4, '0')}-${newId().slice(0, 8)}`

export async function logOperation(ctx: Pick<Ctx, 'user' | 'clock'>, tx: Store, action: OperationAction, target: string, before: unknown, after: unknown, actor: { openid: string | null; name: string } = { openid: ctx.user.openid, name: ctx.user.nickname }): Promise<void> {
  const at = ctx.clock()
  const entry: StoredOperation = { id: entryId(at), at, actorOpenid: actor.openid, actorName: actor.name, action, target, before: before ?? null, after: after ?? null }
  await tx.operations.append(entry)
}

/** An entry as admins read it: names and times, no openid. */
export const operationAnswer = (ctx: Pick<Ctx, 'config'>, op: StoredOperation): Operation => ({
  id: op.id, at: isoLocal(op.at, ctx.config), actorName: op.actorName, action: op.action, target: op.target, before: op.before, after: op.after
})

/** A district day `YYYY-MM-DD` as its first instant (district time). */
const dayStart = (day: string, utcOffsetMinutes: number, plusDays = 0) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + plusDays) - utcOffsetMinutes * 60_000)
}

/**
 * `user.operationLog`: a page of the log, newest first, filtered by target, person (named by the
 * opaque userId: one read to find whose entries they are; a person never seen matches nothing),
 * action and district days.
 */
export async function operationLog(ctx: Ctx, input: { target?: string; actorUserId?: string; action?: OperationAction; from?: string; to?: string; order?: 'newest' | 'oldest'; withTotal?: boolean; cursor?: string; limit?: number }) {
  let actorOpenid: string | undefined
  if (input.actorUserId !== undefined) {
    const actor = await ctx.store.users.getByUserId(input.actorUserId)
    if (!actor) throw invalid('没有这个人', 'actorUserId')
    actorOpenid = actor.openid
  }
  const offset = ctx.config.utcOffsetMinutes
  const filter = {
    ...(input.target !== undefined ? { target: input.target } : {}),
    ...(actorOpenid !== undefined ? { actorOpenid } : {}),
    ...(input.action !== undefined ? { action: input.action } : {}),
    ...(input.from ? { from: dayStart(input.from, offset) } : {}),
    ...(input.to ? { to: dayStart(input.to, offset, 1) } : {}),
    ...(input.order === 'oldest' ? { oldestFirst: true } : {})
  }
  const [page, total] = await Promise.all([ctx.store.operations.list(filter, input.cursor, input.limit ?? 20), input.withTotal ? ctx.store.operations.count(filter) : undefined])
  return { items: page.items.map((op) => operationAnswer(ctx, op)), nextCursor: page.nextCursor, ...(total !== undefined ? { total } : {}) }
}
