import { logOperation, operationAnswer } from '../oplog'
import type { Handlers } from '../table'
import type { userContract } from '../../../types/user'
import type { Ctx } from '../context'
import { conflict, contentRejected, invalid, notFound } from '../errors'
import { listMessages } from '../messages'
import { deleteAccount, myData } from './cases'

async function requireVillage(ctx: Ctx, villageId: string): Promise<void> {
  const region = await ctx.store.directory.getRegion(villageId)
  if (!region || region.level !== 'village') throw invalid('所选村居不存在', 'villageId')
}

export const userHandlers: Handlers<typeof userContract> = {
  login: { roles: 'any', run: async (ctx) => ctx.user },
  me: { roles: 'any', run: async (ctx) => ctx.user },
  units: { roles: 'any', run: async (ctx) => ctx.store.directory.listUnits() },

  updateProfile: {
    roles: 'any',
    run: async (ctx, input) => {
      if (input.villageId !== undefined) await requireVillage(ctx, input.villageId)
      if (input.nickname !== undefined && !(await ctx.contentCheck.isAcceptable(input.nickname, ctx.user.openid))) {
        throw contentRejected('昵称含有不当信息，请修改', 'nickname')
      }
      const { realName, ...rest } = input
      return ctx.store.users.update(ctx.user.openid, { ...rest, ...(realName === undefined ? {} : { realName: realName || null }) })
    }
  },

  messages: { roles: 'any', run: (ctx, input) => listMessages(ctx, ctx.user.openid, input.cursor, input.limit) },
  unreadCount: { roles: 'any', run: async (ctx) => ({ count: await ctx.store.messages.unreadCount(ctx.user.openid) }) },
  readMessages: {
    roles: 'any',
    run: async (ctx, input) => ({ count: await ctx.store.messages.markRead(ctx.user.openid, input.ids ?? null) })
  },

  myData: { roles: 'any', run: (ctx) => myData(ctx) },
  deleteAccount: { roles: 'any', run: (ctx) => deleteAccount(ctx) },

  setRole: {
    roles: ['admin'],
    run: async (ctx, input) => {
      const target = await ctx.store.users.get(input.openid)
      if (!target) throw notFound('用户不存在')
      if (target.openid === ctx.user.openid && input.role !== 'admin') throw conflict('不能取消自己的管理员身份')
      if (input.role === 'staff' && !input.unitId) throw invalid('工作人员必须指定所属单位', 'unitId')
      if (input.unitId && !(await ctx.store.directory.getUnit(input.unitId))) throw invalid('单位不存在', 'unitId')
      const roleOf = (u: { role: string; unitId: string | null; evaluator?: boolean }) => ({ role: u.role, unitId: u.unitId, evaluator: u.evaluator === true })
      return ctx.store.transaction(async (tx) => {
        const before = await tx.users.get(input.openid)
        const after = await tx.users.update(input.openid, { role: input.role, unitId: input.unitId ?? null, ...(input.evaluator === undefined ? {} : { evaluator: input.evaluator }) })
        await logOperation(ctx, tx, 'user.setRole', `user:${after.nickname}`, before ? roleOf(before) : null, roleOf(after))
        const { realName, ...shown } = after // the real name is for the certificate, not for admins
        void realName
        return shown
      })
    }
  },
  operationLog: {
    roles: ['admin'],
    run: async (ctx, input) => {
      const page = await ctx.store.operations.list(input.target ?? null, input.cursor, input.limit ?? 20)
      return { items: page.items.map((op) => operationAnswer(ctx, op)), nextCursor: page.nextCursor }
    }
  }
}
