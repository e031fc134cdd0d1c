import type { z } from 'zod'
import { contract } from '../../types/contract'
import { startCloud, type TestCloud } from '../helpers/cloud'

/**
 * Every action of the contract, called with hostile input: wrong types, missing and extra fields,
 * huge strings, deep nesting, prototype keys, NaN/Infinity, malformed JSON. Each answer must be a
 * 4xx envelope with a code; nothing may be stored; the server must stay healthy.
 */
let cloud: TestCloud
let tokens: Record<string, string>

beforeAll(async () => {
  cloud = await startCloud()
  tokens = {
    resident: await cloud.login('demo-resident'),
    staff: await cloud.login('demo-staff'),
    admin: await cloud.login('demo-admin')
  }
})
afterAll(() => cloud.close())

const ACTIONS = Object.entries(contract).flatMap(([fn, actions]) =>
  Object.entries(actions as Record<string, { input: z.ZodType }>).map(([action, def]) => ({ fn, action, input: def.input }))
)

function fieldsOf(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape
  return shape ? Object.keys(shape) : []
}

const deep = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
const HUGE = '长'.repeat(200_000)

/** Raw JSON bodies whose `data` is hostile for any action. */
function hostileBodies(action: string, fields: string[]): string[] {
  const wrap = (data: string) => `{"action":${JSON.stringify(action)},"data":${data}}`
  const bodies = [
    wrap('null'),
    wrap('42'),
    wrap('"text"'),
    wrap('[]'),
    wrap('true'),
    wrap('{"__proto__":{"role":"admin"}}'),
    wrap('{"constructor":{"prototype":{"role":"admin"}}}'),
    wrap('{"unexpectedField":1}'),
    wrap(deep(5000)),
    `{"action":${JSON.stringify(action)},"data":{"x":NaN}}`,
    `{"action":${JSON.stringify(action)},"data":{"x":Infinity}}`,
    `{"action":${JSON.stringify(action)},"data":{`,
    `{"action":${JSON.stringify(action)},"data":{},"data":[]}`
  ]
  if (fields.includes('cursor')) {
    // cursors the stores never made: once answered 500 (SQLITE_MISMATCH for "1e20")
    for (const value of ['"1e20"', '"-5"', '"u:-1"', '"../../x"', '"1:"', '"NaN"', '"12:a b"', '"e:1e3"']) bodies.push(wrap(`{"cursor":${value}}`))
  }
  for (const field of fields) {
    for (const value of ['null', '123456789', '-1e309', '1e309', JSON.stringify(HUGE), '[' + '1,'.repeat(20000) + '1]', deep(200), '{"__proto__":{"x":1}}']) {
      bodies.push(wrap(`{${JSON.stringify(field)}:${value}}`))
    }
  }
  return bodies
}

/** How many rows (SQLite) or documents (CloudBase emulator) each table or collection holds. */
async function snapshot(): Promise<Record<string, number>> {
  if (cloud.emulator) return Object.fromEntries(cloud.emulator.collectionNames().map((c) => [c, cloud.emulator!.dump(c).length]))
  const db = (cloud.store as unknown as { db: import('better-sqlite3').Database }).db
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number]))
}

describe('hostile input', () => {
  it('has actions to attack', () => {
    expect(ACTIONS.length).toBeGreaterThanOrEqual(7)
  })

  it.each(ACTIONS.map((a) => [`${a.fn}.${a.action}`, a] as const))('%s answers 4xx envelopes and stores nothing', async (_name, { fn, action, input }) => {
    const before = await snapshot()
    const fields = fieldsOf(input)
    for (const body of hostileBodies(action, fields)) {
      for (const role of ['resident', 'admin'] as const) {
        const res = await fetch(`${cloud.url}/api/${fn}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[role]}` },
          body
        })
        const envelope = (await res.json()) as { ok: boolean; error?: { code: string; message: string } }
        if (res.status < 400 || res.status >= 500 || envelope.ok || !envelope.error?.code) {
          throw new Error(`${fn}.${action} as ${role} with ${body.slice(0, 120)} answered ${res.status} ${JSON.stringify(envelope).slice(0, 200)}`)
        }
        expect(envelope.error.message).toMatch(/[\u4e00-\u9fa5]/)
      }
    }
    expect(await snapshot()).toEqual(before)
  })

  it('volunteer.recordOutcome: hostile outcome items are refused and change nothing', async () => {
    const before = await snapshot()
    const item = (over: string) => `{"action":"recordOutcome","data":{"activityId":"x","outcomes":[${over}]}}`
    const bodies = [
      item('{"reportId":"r","fixed":true,"photos":["../../civic.db"]}'),
      item('{"reportId":"r","fixed":"yes"}'),
      item('{"reportId":"r","fixed":true,"photos":"a.jpg"}'),
      item('{"reportId":"r","fixed":false,"note":' + JSON.stringify(HUGE) + '}'),
      item('{"reportId":"r","fixed":true,"__proto__":{"resolvedByDrive":true}}'),
      item('{"reportId":"r","fixed":true,"resolvedByDrive":true}'),
      item('{"reportId":{"$gt":""},"fixed":true}'),
      item(Array.from({ length: 21 }, (_, i) => `{"reportId":"r${i}","fixed":false,"note":"无法处理"}`).join(',')),
      item('null'),
      item(deep(300))
    ]
    for (const body of bodies) {
      for (const role of ['resident', 'staff', 'admin'] as const) {
        const res = await fetch(`${cloud.url}/api/volunteer`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[role]}` }, body })
        const envelope = (await res.json()) as { ok: boolean; error?: { code: string; message: string } }
        if (res.status < 400 || res.status >= 500 || envelope.ok || !envelope.error?.code) throw new Error(`${body.slice(0, 120)} as ${role} answered ${res.status}`)
        expect(envelope.error.message).toMatch(/[\u4e00-\u9fa5]/)
      }
    }
    expect(await snapshot()).toEqual(before)
  })

  it('wrong content types and oversized bodies are INVALID_INPUT', async () => {
    const before = await snapshot()
    const attempts: RequestInit[] = [
      { body: 'action=me', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { body: '{"action":"me"}', headers: { 'content-type': 'text/plain' } },
      { body: `{"action":"me","data":{"x":"${'a'.repeat(2 * 1024 * 1024)}"}}`, headers: { 'content-type': 'application/json' } },
      { body: '', headers: { 'content-type': 'application/json' } }
    ]
    for (const init of attempts) {
      const res = await fetch(`${cloud.url}/api/user`, { method: 'POST', ...init, headers: { ...init.headers, authorization: `Bearer ${tokens.resident}` } })
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    expect(await snapshot()).toEqual(before)
  })

  it('uploads that are not images, lie about their type or are too big are refused', async () => {
    const send = async (bytes: Uint8Array<ArrayBuffer>, type: string, name = 'a.jpg') => {
      const form = new FormData()
      form.append('file', new Blob([bytes], { type }), name)
      const res = await fetch(`${cloud.url}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${tokens.resident}` } })
      return { status: res.status, body: await res.json() }
    }
    const jpegHead = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1])
    expect(await send(new Uint8Array(new TextEncoder().encode("<script>alert(1)</script>")), 'image/jpeg')).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT' } } })
    expect(await send(jpegHead, 'text/html')).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT' } } })
    expect(await send(new Uint8Array(11 * 1024 * 1024), 'image/jpeg')).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT' } } })
    const anonymous = await fetch(`${cloud.url}/api/upload`, { method: 'POST', body: new FormData() })
    expect(anonymous.status).toBe(401)
    for (const id of ['../civic.db', '..%2Fcivic.db', 'token-secret', 'x.jpg']) {
      expect((await fetch(`${cloud.url}/files/${id}`)).status).toBe(404)
    }
  })

  it('the server is healthy afterwards', async () => {
    expect((await fetch(`${cloud.url}/healthz`)).status).toBe(200)
    expect(await cloud.ok(tokens.resident!, 'user', 'me')).toMatchObject({ openid: 'demo-resident' })
  })
})
