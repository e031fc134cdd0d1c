import { startCloud, type TestCloud } from '../helpers/cloud'
import { deliver } from '../../cloud/core/messages'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(() => cloud.close())

const send = (openid: string, n: number) =>
  deliver(cloud.deps, Array.from({ length: n }, (_, i) => ({ openid, kind: 'test.note', title: `通知 ${i + 1}`, body: `第 ${i + 1} 条` })))

describe('站内消息', () => {
  it('lists a user’s messages newest first, paged, and only theirs', async () => {
    const token = await cloud.login('msg-reader')
    await send('msg-reader', 25)
    await send('msg-other', 3)
    const first = await cloud.ok(token, 'user', 'messages', { limit: 20 })
    expect(first.items).toHaveLength(20)
    expect(first.nextCursor).toEqual(expect.any(String))
    const second = await cloud.ok(token, 'user', 'messages', { limit: 20, cursor: first.nextCursor })
    expect(second.items).toHaveLength(5)
    expect(second.nextCursor).toBeNull()
    const all = [...first.items, ...second.items]
    expect(new Set(all.map((m: { id: string }) => m.id)).size).toBe(25)
    expect(all.every((m: { title: string; read: boolean; createdAt: string }) => m.title.startsWith('通知') && !m.read && m.createdAt.endsWith('+08:00'))).toBe(true)
  })

  it('counts unread messages and marks some or all read', async () => {
    const token = await cloud.login('msg-counter')
    await send('msg-counter', 4)
    expect(await cloud.ok(token, 'user', 'unreadCount')).toEqual({ count: 4 })
    const page = await cloud.ok(token, 'user', 'messages', {})
    expect(await cloud.ok(token, 'user', 'readMessages', { ids: [page.items[0].id] })).toEqual({ count: 3 })
    // someone else's id changes nothing
    const other = await cloud.login('msg-stranger')
    await cloud.ok(other, 'user', 'readMessages', { ids: [page.items[1].id] })
    expect(await cloud.ok(token, 'user', 'unreadCount')).toEqual({ count: 3 })
    expect(await cloud.ok(token, 'user', 'readMessages', {})).toEqual({ count: 0 })
  })

  it.each([[{ limit: 0 }], [{ limit: 51 }], [{ cursor: 5 }], [{ ids: 'all' }], [{ ids: Array(51).fill('x') }]])('bad paging or ids %j are INVALID_INPUT', async (data) => {
    const token = await cloud.login('msg-bad')
    const answer = await cloud.call(token, 'user', Object.hasOwn(data, 'ids') ? 'readMessages' : 'messages', data)
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})
