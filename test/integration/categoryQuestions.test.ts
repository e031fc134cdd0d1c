import gcoord from 'gcoord'
import { XMLParser } from 'fast-xml-parser'
import { startCloud, type TestCloud } from '../helpers/cloud'

/**
 * Categories that ask their own questions (issue 27, item 2), on the store this project runs
 * (sqlite / cloudbase): set by admins (基础数据), checked by one rule on every path (report.create,
 * Open311 POST with attribute[code]), stored with the case, shown to staff and the reporter only,
 * published as the service's attributes (metadata true).
 */
let cloud: TestCloud
let admin: string
let staff: string
let resident: string
let neighbour: string
let apiKey: string
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'attribute', 'value', 'request'].includes(name) })

beforeAll(async () => {
  cloud = await startCloud()
  admin = await cloud.login('demo-admin')
  staff = await cloud.login('demo-staff')
  resident = await cloud.login('cq-resident')
  neighbour = await cloud.login('cq-neighbour')
  apiKey = (await cloud.ok(admin, 'open311', 'createKey', { partner: 'FixMyStreet' })).apiKey
})
afterAll(() => cloud.close())

const market = { latitude: 35.7612, longitude: 115.03 }
const base = () => `${cloud.url}/open311/v2`
async function get(path: string) {
  const res = await fetch(`${base()}/${path}`)
  const text = await res.text()
  return { status: res.status, text, body: path.endsWith('.json') ? JSON.parse(text) : xml.parse(text) }
}
async function post(path: string, form: Record<string, string>) {
  const res = await fetch(`${base()}/${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: new URLSearchParams(form).toString() })
  const text = await res.text()
  return { status: res.status, text, body: path.endsWith('.json') ? JSON.parse(text) : xml.parse(text) }
}
const wgs = (p: { latitude: number; longitude: number }) => {
  const [long, lat] = gcoord.transform([p.longitude, p.latitude], gcoord.GCJ02, gcoord.WGS84) as [number, number]
  return { lat: String(lat), long: String(long) }
}

/** A category with a required choice, a number and a short text. */
const jinggai = {
  code: 'jinggai', name: '井盖缺失', group: '市政设施', kind: 'problem', slaHours: 24, unitId: 'unit-zhujian',
  questions: [
    { code: 'danger', label: '是否有人受伤', type: 'choice', required: true, options: ['有', '没有'] },
    { code: 'count', label: '缺失几个', type: 'number', required: false },
    { code: 'road', label: '路名', type: 'text', required: false }
  ]
}

describe('基础数据: a category’s questions', () => {
  it('the demo’s 飞线充电 asks two questions', async () => {
    const categories = await cloud.ok(resident, 'report', 'categories', {})
    expect(categories.find((c: { code: string }) => c.code === 'feixian').questions).toEqual([
      { code: 'charging', label: '是否有电动车正在充电', type: 'choice', required: false, options: ['是', '否'] },
      { code: 'floor', label: '楼层', type: 'number', required: false }
    ])
  })

  it('admins set them; bad questions are refused saying which, changing nothing', async () => {
    for (const [questions, field, message] of [
      [[{ code: 'a', label: '选一个', type: 'choice', required: true, options: ['只有一个'] }], 'questions.0.options', '至少要有 2 个选项'],
      [[{ code: 'a', label: '几层', type: 'number', required: true }, { code: 'a', label: '几栋', type: 'number', required: true }], 'questions.1.code', '重复'],
      [[{ code: 'A b', label: '几层', type: 'number', required: true }], 'questions.0.code', '问题编号'],
      [[{ code: 'a', label: '几层', type: 'date', required: true }], 'questions.0.type', '问题类型']
    ] as const) {
      expect((await cloud.call(admin, 'report', 'putCategory', { ...jinggai, questions })).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field, message: expect.stringContaining(message) } })
    }
    expect((await cloud.ok(admin, 'report', 'categories', { includeInactive: true })).some((c: { code: string }) => c.code === 'jinggai')).toBe(false)
    expect((await cloud.call(staff, 'report', 'putCategory', jinggai)).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await cloud.ok(admin, 'report', 'putCategory', jinggai)).toMatchObject({ code: 'jinggai', questions: jinggai.questions })
    // an edit without questions keeps them
    const { questions, ...rest } = jinggai
    expect(await cloud.ok(admin, 'report', 'putCategory', { ...rest, slaHours: 48 })).toMatchObject({ slaHours: 48, questions })
    await cloud.ok(admin, 'report', 'putCategory', jinggai)
  })
})

describe('report.create with answers', () => {
  const file = (clientId: string, answers?: Record<string, string | number>) =>
    cloud.call(resident, 'report', 'create', { clientId, category: 'jinggai', description: '路口井盖丢失，很危险', photos: [], location: { ...market, address: '幸福村路口' }, ...(answers ? { answers } : {}) })

  it('a required question unanswered, a choice not offered or a number that is none: a clear error, nothing filed', async () => {
    const before = (await cloud.ok(resident, 'report', 'mine', {})).items.length
    expect((await file('cq-missing-1')).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'answers.danger', message: '请回答「是否有人受伤」' } })
    expect((await file('cq-missing-2', { count: 2 })).body).toMatchObject({ ok: false, error: { field: 'answers.danger' } })
    expect((await file('cq-choice-1', { danger: '也许' })).body).toMatchObject({ ok: false, error: { field: 'answers.danger', message: '「是否有人受伤」只能选 有、没有' } })
    expect((await file('cq-number-1', { danger: '没有', count: '两个' })).body).toMatchObject({ ok: false, error: { field: 'answers.count', message: '「缺失几个」应填数字' } })
    expect((await file('cq-text-1', { danger: '没有', road: '路'.repeat(51) })).body).toMatchObject({ ok: false, error: { field: 'answers.road', message: '「路名」最多 50 个字' } })
    expect((await cloud.ok(resident, 'report', 'mine', {})).items.length).toBe(before)
  })

  it('answers are stored with the case in the questions’ order; staff and the reporter see them, the public never', async () => {
    const answer = await file('cq-good-1', { road: ' 幸福路 ', count: '2', danger: '没有', unasked: 'x' })
    expect(answer.body.ok).toBe(true)
    const id = (answer.body as { data: { id: string } }).data.id
    const answers = [{ code: 'danger', label: '是否有人受伤', value: '没有' }, { code: 'count', label: '缺失几个', value: '2' }, { code: 'road', label: '路名', value: '幸福路' }]
    expect((await cloud.store.reports.get(id))!.answers).toEqual(answers)
    expect((await cloud.ok(staff, 'report', 'get', { id })).answers).toEqual(answers)
    expect((await cloud.ok(admin, 'report', 'get', { id })).answers).toEqual(answers)
    expect((await cloud.ok(resident, 'report', 'get', { id })).answers).toEqual(answers)
    const pub = await cloud.ok(neighbour, 'report', 'get', { id })
    expect(pub.answers).toBeUndefined()
    expect(JSON.stringify(await cloud.ok(neighbour, 'report', 'nearby', { ...market, radius: 500 }))).not.toContain('幸福路')
    expect((await get(`requests/${id}.json`)).text).not.toContain('幸福路')
    // a retried submit answers the same case
    expect((await file('cq-good-1', { danger: '没有' })).body).toMatchObject({ ok: true, data: { id } })
    // the 12345 desk (staff filing for a caller) goes through the same rule
    const desk = (clientId: string, answers?: Record<string, string>) => cloud.call(staff, 'report', 'create', { clientId, category: 'jinggai', description: '来电反映路口井盖丢失', photos: [], location: market, onBehalf: { channel: 'phone' }, ...(answers ? { answers } : {}) })
    expect((await desk('cq-desk-1')).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'answers.danger' } })
    const filed = await desk('cq-desk-2', { danger: '有' })
    expect(filed.body).toMatchObject({ ok: true, data: { answers: [{ code: 'danger', label: '是否有人受伤', value: '有' }] } })
    // a category without questions files as before; its stray answers are not kept
    const plain = await cloud.ok(resident, 'report', 'create', { clientId: 'cq-plain-1', category: 'zhandao', description: '门口占道经营', photos: [], location: market, answers: { floor: 3 } })
    expect((await cloud.ok(staff, 'report', 'get', { id: plain.id })).answers).toEqual([])
  })
})

describe('Open311: questions as the service’s attributes', () => {
  it('services say metadata true; the definition lists the attributes (XML and JSON)', async () => {
    const services = (await get('services.xml')).body.services.service
    expect(services.find((s: { service_code: string }) => s.service_code === 'jinggai').metadata).toBe('true')
    expect(services.find((s: { service_code: string }) => s.service_code === 'zhandao').metadata).toBe('false')
    const def = (await get('services/jinggai.xml')).body.service_definition
    expect(def.service_code).toBe('jinggai')
    expect(def.attributes.attribute).toEqual([
      { variable: 'true', code: 'danger', datatype: 'singlevaluelist', required: 'true', datatype_description: '其中之一：有、没有', order: '1', description: '是否有人受伤', values: { value: [{ key: '有', name: '有' }, { key: '没有', name: '没有' }] } },
      { variable: 'true', code: 'count', datatype: 'number', required: 'false', datatype_description: '数字', order: '2', description: '缺失几个' },
      { variable: 'true', code: 'road', datatype: 'string', required: 'false', datatype_description: '最多 50 个字', order: '3', description: '路名' }
    ])
    const json = (await get('services/feixian.json')).body
    expect(json).toEqual({ service_code: 'feixian', attributes: [
      { variable: true, code: 'charging', datatype: 'singlevaluelist', required: false, datatype_description: '其中之一：是、否', order: 1, description: '是否有电动车正在充电', values: [{ key: '是', name: '是' }, { key: '否', name: '否' }] },
      { variable: true, code: 'floor', datatype: 'number', required: false, datatype_description: '数字', order: 2, description: '楼层' }
    ] })
    expect((await get('services/zhandao.json')).body).toEqual({ service_code: 'zhandao', attributes: [] })
  })

  it('a POST fills them with attribute[code]: checked by the same rule, stored as answers, others kept as sent', async () => {
    const request = (over: Record<string, string>) => ({ api_key: apiKey, service_code: 'jinggai', ...wgs(market), address_string: '幸福村路口', description: '路口井盖丢失', ...over })
    const before = (await cloud.ok(staff, 'report', 'queue', {})).items.length
    const missing = await post('requests.json', request({ 'attribute[count]': '1' }))
    expect(missing).toMatchObject({ status: 400, body: [{ code: 400, description: 'attribute[danger]: 请回答「是否有人受伤」' }] })
    expect((await post('requests.xml', request({ 'attribute[danger]': 'maybe' }))).body).toMatchObject({ errors: { error: { code: '400', description: expect.stringContaining('attribute[danger]') } } })
    expect((await cloud.ok(staff, 'report', 'queue', {})).items.length).toBe(before)
    const posted = await post('requests.json', request({ 'attribute[danger]': '有', 'attribute[count]': '3', device_id: 'ios-1' }))
    expect(posted.status).toBe(200)
    const id = posted.body[0].service_request_id
    const staffView = await cloud.ok(staff, 'report', 'get', { id })
    expect(staffView.answers).toEqual([{ code: 'danger', label: '是否有人受伤', value: '有' }, { code: 'count', label: '缺失几个', value: '3' }])
    expect(staffView.workflow.attributes).toEqual([{ code: 'device_id', value: 'ios-1' }])
    expect((await get(`requests/${id}.json`)).body[0]).not.toHaveProperty('answers')
  })
})
