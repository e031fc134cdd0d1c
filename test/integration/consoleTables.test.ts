import { startCloud, type TestCloud } from '../helpers/cloud'
import type { Report } from '../../types/report'
import type { Operation, Person } from '../../types/user'

/**
 * The console's tables (issue 24): `report.queue` and `user.operationLog` take `order` (newest or
 * oldest first, over the whole list, keeping the keyset paging) and, like `user.search`,
 * `withTotal` (the count of the whole list, every page); on both stores, CloudBase's through
 * declared indexes only.
 */
let cloud: TestCloud
let admin: string
const MARKET = { latitude: 35.7612, longitude: 115.03 }
const TEXT = '表格排序测试'
const N = 5

beforeAll(async () => {
  cloud = await startCloud()
  admin = await cloud.login('demo-admin')
  // five cases, one a person (the daily limits), filed one after the other
  for (let i = 0; i < N; i++) {
    const who = await cloud.login(`tables-resident-${i}`)
    await cloud.ok(who, 'report', 'create', { clientId: `tables-case-${i}`, category: 'zhandao', description: `${TEXT} 第 ${i} 件`, photos: [], location: MARKET })
  }
  // role changes: entries of the operation log
  for (let i = 0; i < 3; i++) {
    const who = await cloud.login(`tables-staff-${i}`)
    await cloud.ok(who, 'user', 'updateProfile', { nickname: `表格人员${i}` })
    const me = await cloud.ok<{ userId: string }>(who, 'user', 'me', {})
    await cloud.ok(admin, 'user', 'setRole', { userId: me.userId, role: 'staff', unitId: 'unit-chengguan' })
  }
}, 90_000)
afterAll(() => cloud.close())

type Page<T> = { items: T[]; nextCursor: string | null; total?: number }
/** Every page of a list, in order. */
async function all<T>(read: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = []
  let cursor: string | undefined
  do {
    const page = await read(cursor)
    out.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return out
}

describe('report.queue', () => {
  const queue = (data: Record<string, unknown>) => cloud.ok<Page<Report>>(admin, 'report', 'queue', { q: TEXT, ...data })

  it('answers the total of the search only when asked, the same on every page', async () => {
    expect((await queue({ limit: 2 })).total).toBeUndefined()
    const first = await queue({ limit: 2, withTotal: true })
    expect(first.total).toBe(N)
    expect(first.items).toHaveLength(2)
    const second = await queue({ limit: 2, withTotal: true, cursor: first.nextCursor })
    expect(second.total).toBe(N)
    expect(second.items.map((r) => r.id)).not.toContain(first.items[0]!.id)
    // a filter counts what it finds
    expect((await queue({ withTotal: true, status: 'resolved' })).total).toBe(0)
  })

  it('lists newest first by default and oldest first with order: oldest, page by page', async () => {
    const newest = await all((cursor) => queue({ limit: 2, ...(cursor ? { cursor } : {}) }))
    const oldest = await all((cursor) => queue({ limit: 2, order: 'oldest', ...(cursor ? { cursor } : {}) }))
    expect(newest).toHaveLength(N)
    expect(oldest.map((r) => r.id)).toEqual(newest.map((r) => r.id).reverse())
    const times = oldest.map((r) => Date.parse(r.createdAt))
    expect([...times].sort((a, b) => a - b)).toEqual(times)
    expect(oldest[0]!.description).toBe(`${TEXT} 第 0 件`)
  })

  it('refuses an unknown order', async () => {
    const res = await cloud.call(admin, 'report', 'queue', { order: 'sideways' })
    expect(res.status).toBe(400)
  })
})

describe('user.operationLog', () => {
  const log = (data: Record<string, unknown>) => cloud.ok<Page<Operation>>(admin, 'user', 'operationLog', { action: 'user.setRole', ...data })

  it('answers the total and lists oldest first when asked', async () => {
    const newest = await all((cursor) => log({ limit: 2, ...(cursor ? { cursor } : {}) }))
    const first = await log({ limit: 2, withTotal: true })
    expect(first.total).toBe(newest.length)
    expect(newest.length).toBeGreaterThanOrEqual(3)
    const oldest = await all((cursor) => log({ limit: 2, order: 'oldest', ...(cursor ? { cursor } : {}) }))
    expect(oldest.map((o) => o.id)).toEqual(newest.map((o) => o.id).reverse())
    // the whole log's count too (no filter)
    const whole = await cloud.ok<Page<Operation>>(admin, 'user', 'operationLog', { withTotal: true, limit: 1 })
    expect(whole.total).toBeGreaterThanOrEqual(newest.length)
  })
})

describe('user.search', () => {
  it('answers the total of the search when asked', async () => {
    const found = await cloud.ok<Page<Person>>(admin, 'user', 'search', { q: '表格人员', withTotal: true, limit: 2 })
    expect(found.total).toBe(3)
    expect(found.items).toHaveLength(2)
    expect((await cloud.ok<Page<Person>>(admin, 'user', 'search', { withTotal: true, role: 'staff', q: '表格人员' })).total).toBe(3)
    expect((await cloud.ok<Page<Person>>(admin, 'user', 'search', { q: '表格人员' })).total).toBeUndefined()
  })
})
