import { measureCalls } from '../../bench/calls'

/**
 * Every action of the contract on the CloudBase adapter (real SDK, emulated server), counted:
 * the same measurement as `npm run bench`, without its 20 ms a call. No read action may make more
 * database calls once the district holds hundreds more cases, a hundred more drives and rosters of 20.
 */
jest.setTimeout(60_000)

/**
 * Issue 22: every read action at most 4 calls (the caller, and three more) — but for these, each
 * with its ceiling and why. A row's action is matched with its variants (`report.queue (待办 …)`).
 */
const READ_EXCEPTIONS: Record<string, { calls: number; why: string }> = {
  'report.dashboard': { calls: 12, why: 'one aggregation per figure (by day ×4, category, village, unit, overdue count), the drives by village, the overdue page, the reference data and the caller' },
  'report.queue': { calls: 5, why: "the page, its reporters' names, the reference data and, when a case on the page has 补充 steps, their records (their own collection, issue 24)" },
  'user.noticeSettings': { calls: 6, why: "the person's consents, mutes, followed villages and followed areas: four collections, and the followed villages' names" },
  'volunteer.roster': { calls: 6, why: 'the drive, its signups (read until an empty page: a server answering fewer than asked must not end a roster early), the names and the no-show counts' },
  'volunteer.exportRoster': { calls: 6, why: 'the roster (volunteer.roster)' },
  'volunteer.leaderboard (this month)': { calls: 5, why: "the month's top and the minutes not yet credited (an aggregation each), the caller's month, the names with everyone's all-time minutes (for their stars) and the caller's place" },
  'ranking.village': { calls: 7, why: "the village's months, its stars, the month's cases and drives (one aggregation each) and who entered the score" },
  'ranking.villageMonthFigures': { calls: 7, why: "the month's cases, drives and points (one aggregation each), the households and their awards" },
  'ranking.unitBoard': { calls: 5, why: "the units' figures and steps (one aggregation each) and the month's inspections" },
  'ranking.householdRatings': { calls: 5, why: "the village's households, the year's ratings and the award entries: three collections" },
  'ranking.round': { calls: 5, why: "the round, the 点位, the month's inspections and the regions (the evaluators' names, but for the caller's)" },
  'ranking.mySites': { calls: 5, why: "the round, the 点位 and the 测评体系 (one query), the caller's inspections and the regions" }
}
const READ_CEILING = 4

it('no read action makes more database calls with more data, and none more than 4 (or its named ceiling)', async () => {
  const { rows } = await measureCalls({ latencyMs: 0 })
  const reads = rows.filter((r) => r.kind === 'read' && r.bulkCalls !== null)
  expect(reads.length).toBeGreaterThanOrEqual(24)
  expect(reads.filter((r) => r.bulkCalls! > r.calls).map((r) => `${r.action}: ${r.calls} → ${r.bulkCalls}`)).toEqual([])
  const exception = (action: string) => Object.entries(READ_EXCEPTIONS).find(([name]) => action === name || action.startsWith(`${name} (`))?.[1]
  expect(rows.filter((r) => r.kind === 'read' && r.calls > (exception(r.action)?.calls ?? READ_CEILING)).map((r) => `${r.action}: ${r.calls}`)).toEqual([])
  // 个人信息保护法's two actions read or rewrite all of one user's records and grow with them: kept apart
  expect(rows.filter((r) => r.kind === 'per-user').map((r) => r.action).sort()).toEqual(['user.deleteAccount', 'user.myData'])
  // a write is one transaction and a few calls around it; none reads a list that grows. A message is
  // one insert (and one outbox mark) per recipient, so a write that tells a unit's staff costs two
  // more calls per staff member of that unit (the demo's 城管 has one); where the district has
  // subscribe-message templates (the bench configures one), publishing reads the recipients' consents once;
  // accepting and resolving a case read its supporters and which of them stopped following, and the
  // followed areas of its grid cell (one indexed query, issue 25);
  // accepting one also enters the reporter's points in the ledger, by the entry's id (issue 28).
  // Fixed costs, not growing with the data — but more than issue 22's aim (one transaction and two calls).
  // 我也遇到 with her words and photos (issue 24) is the support and a 补充 in one transaction (its daily
  // count, the 补充's own record and its step's audit document, its unit's message), around it her
  // submit key looked up by id, her photos claimed, the case's place for it taken by one conditional
  // update of its counter, the step pushed to the case's timeline and the supporter counted by one
  // conditional update each after commit (issue 22: no transaction on the case), and the case answered
  // with its 补充 (one indexed query): at most 31, fixed.
  const supplement = (r: { action: string }) => r.action === 'report.support (with 补充)'
  expect(rows.filter((r) => r.kind === 'write' && !supplement(r) && r.calls > 25).map((r) => `${r.action}: ${r.calls}`)).toEqual([])
  expect(rows.filter((r) => supplement(r) && r.calls > 31).map((r) => `${r.action}: ${r.calls}`)).toEqual([])
})
