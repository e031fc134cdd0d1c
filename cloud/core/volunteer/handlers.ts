import type { Handlers } from '../table'
import type { volunteerContract } from '../../../types/volunteer'
import * as cases from './cases'
import * as outcome from './outcome'

const STAFF = ['staff', 'admin'] as const

export const volunteerHandlers: Handlers<typeof volunteerContract> = {
  list: { roles: 'any', run: (ctx, input) => cases.listActivities(ctx, input) },
  get: { roles: 'any', run: (ctx, input) => cases.getActivity(ctx, input.id) },
  create: { roles: STAFF, run: (ctx, input) => cases.createActivity(ctx, input) },
  update: { roles: STAFF, run: (ctx, input) => cases.updateActivity(ctx, input) },
  cancelActivity: { roles: STAFF, run: (ctx, input) => cases.cancelActivity(ctx, input.id, input.reason) },
  signup: { roles: 'any', run: (ctx, input) => cases.signup(ctx, input.activityId) },
  cancel: { roles: 'any', run: (ctx, input) => cases.cancelSignup(ctx, input.activityId) },
  checkIn: { roles: 'any', run: (ctx, input) => cases.checkIn(ctx, input.activityId, input.code, input.location) },
  checkOut: { roles: 'any', run: (ctx, input) => cases.checkOut(ctx, input.activityId, input.code, input.location) },
  roster: { roles: STAFF, run: (ctx, input) => cases.roster(ctx, input.activityId) },
  markNoShow: { roles: STAFF, run: (ctx, input) => cases.markNoShow(ctx, input) },
  mine: { roles: 'any', run: (ctx, input) => cases.mySignups(ctx, input.cursor, input.limit) },
  leaderboard: { roles: 'any', run: (ctx, input) => cases.leaderboard(ctx, input.limit, input.scope) },
  exportRoster: { roles: STAFF, run: (ctx, input) => cases.exportRoster(ctx, input.activityId) },
  certificate: { roles: 'any', run: (ctx) => cases.certificate(ctx) },
  verifyCertificate: { roles: 'any', run: (ctx, input) => cases.verifyCertificate(ctx, input.number) },
  recordOutcome: { roles: STAFF, run: (ctx, input) => outcome.recordOutcome(ctx, input.activityId, input.outcomes) },
  driveCases: { roles: 'any', run: (ctx, input) => outcome.driveCases(ctx, input.activityId) }
}
