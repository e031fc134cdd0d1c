import { isDispatcher } from '../report/model'
import { actorOf } from '../report/cases'
import { mayEvaluate } from '../ranking/cases'
import { operationLog } from '../oplog'
import type { Handlers } from '../table'
import type { userContract } from '../../../types/user'
import type { Ctx } from '../context'
import { contentRejected, invalid } from '../errors'
import { listMessages } from '../messages'
import { deleteAccount, myData } from './cases'
import * as people from './people'
import { putUnit } from '../reference'
import { confirmConsoleLogin, consoleLoginRequest } from './consoleLogin'
import { followVillage, noticeConsent, noticeSettings, setNoticeMute } from '../notices/cases'
import { setUnitWebhook, unitChannels } from '../notices/wecom'
import { followArea, unfollowArea } from '../notices/areas'

async function requireVillage(ctx: Ctx, villageId: string): Promise<void> {
  const region = await ctx.store.directory.getRegion(villageId)
  if (!region || region.level !== 'village') throw invalid('所选村居不存在', 'villageId')
}

export const userHandlers: Handlers<typeof userContract> = {
  login: { roles: 'any', run: async (ctx) => ctx.user },
  me: { roles: 'any', run: async (ctx) => ({ ...ctx.user, mayDispatch: isDispatcher(actorOf(ctx.user), ctx.config), mayEvaluate: mayEvaluate(ctx.user, ctx.config) }) },
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

  noticeSettings: { roles: 'any', run: (ctx) => noticeSettings(ctx) },
  noticeConsent: { roles: 'any', run: (ctx, input) => noticeConsent(ctx, input) },
  setNoticeMute: { roles: 'any', run: (ctx, input) => setNoticeMute(ctx, input) },
  followVillage: { roles: 'any', run: (ctx, input) => followVillage(ctx, input) },
  followArea: { roles: 'any', run: async (ctx, input) => (await followArea(ctx, input), noticeSettings(ctx)) },
  unfollowArea: { roles: 'any', run: async (ctx, input) => (await unfollowArea(ctx, input.id), noticeSettings(ctx)) },

  myData: { roles: 'any', run: (ctx) => myData(ctx) },
  deleteAccount: { roles: 'any', run: (ctx) => deleteAccount(ctx) },

  consoleLoginRequest: { roles: ['staff', 'admin'], run: (ctx, input) => consoleLoginRequest(ctx, input) },
  confirmConsoleLogin: { roles: ['staff', 'admin'], run: (ctx, input) => confirmConsoleLogin(ctx, input) },

  setRole: { roles: ['admin'], run: (ctx, input) => people.setRole(ctx, input) },
  setGrid: { roles: ['admin'], run: (ctx, input) => people.setGrid(ctx, input) },
  search: { roles: ['admin'], run: (ctx, input) => people.search(ctx, input) },
  putUnit: { roles: ['admin'], run: (ctx, input) => putUnit(ctx, input) },
  unitChannels: { roles: ['staff', 'admin'], run: (ctx) => unitChannels(ctx) },
  setUnitWebhook: { roles: ['staff', 'admin'], run: (ctx, input) => setUnitWebhook(ctx, input) },
  operationLog: {
    roles: ['admin'],
    run: (ctx, input) => operationLog(ctx, input)
  }
}
