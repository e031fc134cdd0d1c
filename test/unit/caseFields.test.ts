import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createSqliteStore } from '../../cloud/store/sqlite'
import { CASE_COLUMNS, fromDoc, fromRow, sqlPatch, sqlValues, type CaseRow } from '../../cloud/store/caseFields'
import type { StoredReport } from '../../cloud/core/report/ports'

/** Issue 21, point 6: a case's stored fields are described once, and both adapters map through it. */
const whole: StoredReport = {
  id: 'c1', openid: 'o1', clientId: 'client-1', category: 'zhandao', description: '菜市场门口占道经营', photos: ['a'.repeat(32) + '.jpg'],
  latitude: 35.76, longitude: 115.03, address: '幸福村菜市场', villageId: 'py-01', status: 'verifying', unitId: 'unit-chengguan', anonymous: true,
  supportCount: 3, createdAt: new Date(1_764_000_000_000), dueAt: new Date(1_764_086_400_000), resolvedAt: new Date(1_764_050_000_000),
  rating: { score: 4, comment: '很好' }, reply: '已清理', afterPhotos: ['b'.repeat(32) + '.jpg'], overdueNotified: true, warnedNotified: false,
  deadlineFrom: new Date(1_764_000_500_000), kind: 'problem', source: 'phone', moderation: 'passed', uncheckedPhotos: [], hiddenPhotos: ['b'.repeat(32) + '.jpg'],
  hiddenAt: null, hiddenReason: null, answers: [{ code: 'floor', label: '楼层', value: '3' }], workflow: { returns: 1, urges: 2, extensions: [{ hours: 24, reason: '需要联合执法', at: 1, unitId: 'u', decision: 'approved', decidedAt: 2, note: null }], caller: { channel: 'phone', name: '张先生', phone: '138' } }
}

it('a case goes to a SQLite row and back unchanged', () => {
  const values = sqlValues(whole)
  expect(values).toHaveLength(CASE_COLUMNS.length)
  const row = Object.fromEntries(CASE_COLUMNS.map((c, i) => [c, values[i]!])) as CaseRow
  expect(fromRow(row)).toEqual(whole)
})

it('a case goes to a CloudBase document and back unchanged; an old document reads with the defaults', () => {
  const { id, ...rest } = whole
  const doc = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v instanceof Date ? v.getTime() : v]))
  expect(fromDoc({ _id: id, ...doc })).toEqual(whole)
  const old = fromDoc({ _id: 'c0', openid: 'o', clientId: 'x', category: 'zhandao', description: 'd', latitude: 1, longitude: 2, status: 'submitted', unitId: 'u', createdAt: 5, dueAt: 6 })
  expect(old).toMatchObject({ kind: 'problem', source: 'app', moderation: 'passed', photos: [], hiddenPhotos: [], workflow: null, rating: null, resolvedAt: null, anonymous: false, answers: [] })
})

it('a patch names only its columns (the rating both of its own)', () => {
  expect(sqlPatch({ status: 'closed', rating: { score: 5, comment: null }, workflow: null })).toEqual({ status: 'closed', rating_score: 5, rating_comment: null, workflow: null })
  expect(sqlPatch({})).toEqual({})
})

it('every column of the reports table is described, and every described column exists', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-fields-'))
  const store = createSqliteStore(path.join(dir, 'civic.db'))
  try {
    const columns = (store as unknown as { db: { prepare(sql: string): { all(): { name: string }[] } } }).db.prepare('PRAGMA table_info(reports)').all().map((c) => c.name)
    expect([...columns].sort()).toEqual([...CASE_COLUMNS].sort())
  } finally {
    await store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
