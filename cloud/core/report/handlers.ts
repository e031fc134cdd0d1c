import type { Handlers } from '../table'
import type { reportContract } from '../../../types/report'
import * as cases from './cases'
import * as publicViews from './public'
import * as moderation from './moderation'
import { locate } from '../geo/cases'
import { dashboard } from './dashboard'
import * as reference from '../reference'

const STAFF = ['staff', 'admin'] as const

export const reportHandlers: Handlers<typeof reportContract> = {
  categories: { roles: 'any', run: (ctx, input) => reference.categoriesFor(ctx, input.includeInactive) },
  putCategory: { roles: ['admin'], run: (ctx, input) => reference.putCategory(ctx, input) },
  routing: { roles: ['admin'], run: (ctx) => reference.routing(ctx) },
  setRouting: { roles: ['admin'], run: (ctx, input) => reference.setRouting(ctx, input) },
  calendar: { roles: 'any', run: async (ctx) => ({ calendar: await reference.workCalendar(ctx) }) },
  setCalendar: { roles: ['admin'], run: (ctx, input) => reference.setCalendar(ctx, input) },
  create: { roles: 'any', run: (ctx, input) => cases.createReport(ctx, input) },
  get: { roles: 'any', run: (ctx, input) => cases.getReport(ctx, input.id) },
  mine: { roles: 'any', run: (ctx, input) => cases.listMine(ctx, input.cursor, input.limit) },
  locate: { roles: 'any', run: (ctx, input) => locate(ctx, input) },
  nearby: { roles: 'any', run: (ctx, input) => cases.nearby(ctx, input) },
  feed: { roles: 'any', run: (ctx, input) => publicViews.feed(ctx, input) },
  map: { roles: 'any', run: (ctx, input) => publicViews.map(ctx, input) },
  figures: { roles: 'any', run: (ctx, input) => publicViews.figures(ctx, input) },
  support: { roles: 'any', run: (ctx, input) => cases.support(ctx, input.id, input) },
  rate: { roles: 'any', run: (ctx, input) => cases.rate(ctx, input.id, input.score, input.comment) },
  reopen: { roles: 'any', run: (ctx, input) => cases.reopen(ctx, input.id, input.reason) },
  queue: { roles: STAFF, run: (ctx, input) => cases.queue(ctx, input) },
  queueCounts: { roles: STAFF, run: (ctx) => cases.queueCounts(ctx) },
  dashboard: { roles: STAFF, run: (ctx, input) => dashboard(ctx, input) },
  accept: { roles: STAFF, run: (ctx, input) => cases.accept(ctx, input.id, input.unitId) },
  reject: { roles: STAFF, run: (ctx, input) => cases.reject(ctx, input.id, input.reason) },
  review: { roles: STAFF, run: (ctx, input) => cases.review(ctx, input.id, input.approve, input.reason) },
  praiseWall: { roles: 'any', run: (ctx, input) => cases.praiseWall(ctx, input.cursor, input.limit) },
  resolve: { roles: STAFF, run: (ctx, input) => cases.resolve(ctx, input.id, input.note, input.photos) },
  // issue 21: who may is the case model's (model.ts); the 网格员 who verifies may be of any role
  return: { roles: STAFF, run: (ctx, input) => cases.returnCase(ctx, input.id, input.reason) },
  transfer: { roles: STAFF, run: (ctx, input) => cases.transfer(ctx, input.id, input.unitId, input.note) },
  requestExtension: { roles: STAFF, run: (ctx, input) => cases.requestExtension(ctx, input.id, input.hours, input.reason) },
  decideExtension: { roles: STAFF, run: (ctx, input) => cases.decideExtension(ctx, input.id, input.approve, input.reason) },
  verify: { roles: 'any', run: (ctx, input) => cases.verify(ctx, input.id, input.passed, input.note, input.photos) },
  urge: { roles: STAFF, run: (ctx, input) => cases.urge(ctx, input.id, input.note) },
  place: { roles: STAFF, run: (ctx, input) => cases.place(ctx, input.id, input.location, input.villageId) },
  verifyQueue: { roles: 'any', run: (ctx, input) => cases.verifyQueue(ctx, input.cursor, input.limit) },
  hide: { roles: STAFF, run: (ctx, input) => moderation.hide(ctx, input.id, input.reason) },
  unhide: { roles: STAFF, run: (ctx, input) => moderation.unhide(ctx, input.id) },
  hidePhoto: { roles: STAFF, run: (ctx, input) => moderation.hidePhoto(ctx, input.id, input.photo, input.reason) },
  acceptPhoto: { roles: 'any', run: async (ctx, input) => ({ fileId: await ctx.photos.accept(input.fileId, ctx.user.openid) }) }
}
