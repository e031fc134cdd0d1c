import type { Ctx } from './context'
import { newId } from './ids'
import type { Store, StoredOperation } from './ports'
import { isoLocal } from './time'
import type { Operation } from '../../types/user'

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

export async function logOperation(ctx: Pick<Ctx, 'user' | 'clock'>, tx: Store, action: string, target: string, before: unknown, after: unknown, actor: { openid: string | null; name: string } = { openid: ctx.user.openid, name: ctx.user.nickname }): Promise<void> {
  const at = ctx.clock()
  const entry: StoredOperation = { id: entryId(at), at, actorOpenid: actor.openid, actorName: actor.name, action, target, before: before ?? null, after: after ?? null }
  await tx.operations.append(entry)
}

/** An entry as admins read it: names and times, no openid. */
export const operationAnswer = (ctx: Pick<Ctx, 'config'>, op: StoredOperation): Operation => ({
  id: op.id, at: isoLocal(op.at, ctx.config), actorName: op.actorName, action: op.action, target: op.target, before: op.before, after: op.after
})
