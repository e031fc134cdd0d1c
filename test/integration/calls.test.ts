import { measureCalls } from '../../bench/calls'

/**
 * Every action of the contract on the CloudBase adapter (real SDK, emulated server), counted:
 * the same measurement as `npm run bench`, without its 20 ms a call. No read action may make more
 * database calls once the district holds hundreds more cases, a hundred more drives and rosters of 20.
 */
jest.setTimeout(60_000)

it('no read action makes more database calls with more data, and none makes more than 7', async () => {
  const { rows } = await measureCalls({ latencyMs: 0 })
  const reads = rows.filter((r) => r.kind === 'read' && r.bulkCalls !== null)
  expect(reads.length).toBeGreaterThanOrEqual(24)
  expect(reads.filter((r) => r.bulkCalls! > r.calls).map((r) => r.action)).toEqual([])
  // the console's dashboard is one aggregation per figure (by day ×4, category, village, unit, overdue
  // count), the drives by village, the overdue page, the reference data and the caller: fixed, at most 12
  const dashboard = (r: { action: string }) => r.action.startsWith('report.dashboard')
  expect(reads.filter((r) => !dashboard(r) && r.calls > 7).map((r) => `${r.action}: ${r.calls}`)).toEqual([])
  expect(reads.filter((r) => dashboard(r) && r.calls > 12).map((r) => `${r.action}: ${r.calls}`)).toEqual([])
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
