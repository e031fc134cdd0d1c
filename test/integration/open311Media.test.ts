import http from 'node:http'
import type { AddressInfo } from 'node:net'
import sharp from 'sharp'
import gcoord from 'gcoord'
import { startCloud, type TestCloud } from '../helpers/cloud'

/**
 * A partner's `media_url` (issue 27, item 1): the photo is fetched from an allowed partner host,
 * re-encoded and stored like any upload, within byte and pixel limits; any failure files the case
 * without it, the link and the reason noted for staff. A local HTTP server plays the partner, on the
 * store this project runs (sqlite / cloudbase).
 */
let cloud: TestCloud
let staff: string
let apiKey: string
let partner: http.Server
let base: string
const hits: string[] = []
const files: Record<string, { type: string; body: Buffer; status?: number; location?: string }> = {}

beforeAll(async () => {
  files['/photo.jpg'] = { type: 'image/jpeg', body: await sharp({ create: { width: 800, height: 600, channels: 3, background: '#3366aa' } }).withMetadata({ exif: { IFD0: { Artist: 'secret-artist' } } }).jpeg().toBuffer() }
  files['/noise.png'] = { type: 'image/png', body: await sharp(Buffer.from(Array.from({ length: 500 * 500 * 3 }, () => Math.floor(Math.random() * 256))), { raw: { width: 500, height: 500, channels: 3 } }).png().toBuffer() }
  files['/huge.png'] = { type: 'image/png', body: await sharp({ create: { width: 1500, height: 1000, channels: 3, background: '#ffffff' } }).png().toBuffer() }
  files['/page.html'] = { type: 'text/html', body: Buffer.from('<html>not a photo</html>') }
  files['/fake.jpg'] = { type: 'image/jpeg', body: Buffer.from('this is not a jpeg at all') }
  files['/broken.jpg'] = { type: 'image/jpeg', body: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]) }
  files['/moved.jpg'] = { type: 'text/plain', body: Buffer.from(''), status: 302, location: 'http://169.254.169.254/latest' }
  partner = http.createServer((req, res) => {
    hits.push(req.url!)
    const f = files[req.url!]
    if (!f) return res.writeHead(404).end()
    res.writeHead(f.status ?? 200, { 'content-type': f.type, ...(f.location ? { location: f.location } : {}) }).end(f.body)
  })
  await new Promise<void>((r) => partner.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`
  cloud = await startCloud({ config: { partnerMedia: { hosts: ['127.0.0.1'], maxBytes: 200_000, maxPixels: 1_000_000, timeoutMs: 3000 } } })
  staff = await cloud.login('demo-staff')
  apiKey = (await cloud.ok(await cloud.login('demo-admin'), 'open311', 'createKey', { partner: 'FixMyStreet' })).apiKey
})
afterAll(async () => {
  await cloud?.close()
  await new Promise((r) => partner?.close(r))
})

const market = { latitude: 35.7612, longitude: 115.03 }
const [long, lat] = gcoord.transform([market.longitude, market.latitude], gcoord.GCJ02, gcoord.WGS84) as [number, number]
async function postWith(mediaUrl: string) {
  const res = await fetch(`${cloud.url}/open311/v2/requests.json`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: apiKey, service_code: 'zhandao', lat: String(lat), long: String(long), description: '菜市场东门流动摊贩占道经营', media_url: mediaUrl }).toString()
  })
  expect(res.status).toBe(200)
  const id = ((await res.json()) as { service_request_id: string }[])[0]!.service_request_id
  return { id, view: await cloud.ok(staff, 'report', 'get', { id }) }
}

it('a photo from an allowed host is fetched, re-encoded (no metadata) and stored as the case’s photo', async () => {
  const { id, view } = await postWith(`${base}/photo.jpg`)
  expect(view.photos).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.jpg$/)])
  expect(view.workflow).toMatchObject({ links: [`${base}/photo.jpg`], linkProblems: [] })
  const stored = await fetch(`${cloud.url}/files/${view.photos[0]}?case=${id}`, { headers: { authorization: `Bearer ${staff}` } })
  const bytes = Buffer.from(await stored.arrayBuffer())
  expect((await sharp(bytes).metadata()).exif).toBeUndefined()
  expect(bytes.includes(Buffer.from('secret-artist'))).toBe(false)
  // like any upload, it waits for the content check; then the public's request shows it under media_url
  const answered = async () => ((await (await fetch(`${cloud.url}/open311/v2/requests/${id}.json`)).json()) as { media_url?: string }[])[0]?.media_url ?? ''
  for (let i = 0; i < 50 && !(await answered()); i++) await new Promise((r) => setTimeout(r, 100))
  expect(await answered()).toContain(`/files/${view.photos[0]}`)
})

it('anything else files the case without the photo, the link and why noted for staff', async () => {
  const cases: [string, RegExp][] = [
    [`${base}/noise.png`, /超过/],
    [`${base}/huge.png`, /像素/],
    [`${base}/page.html`, /不是图片/],
    [`${base}/fake.jpg`, /不是有效的图片/],
    [`${base}/broken.jpg`, /无法识别/],
    [`${base}/missing.jpg`, /404/],
    [`${base}/moved.jpg`, /跳转/]
  ]
  for (const [url, why] of cases) {
    const { view } = await postWith(url)
    expect({ url, photos: view.photos }).toEqual({ url, photos: [] })
    expect(view.workflow.links).toEqual([url])
    expect(view.workflow.linkProblems).toEqual([expect.stringMatching(why)])
    expect(view.workflow.linkProblems[0]).toContain(url)
  }
  // the redirect was not followed
  expect(hits).not.toContain('/latest')
})

it('a host not on the allowlist is never fetched', async () => {
  const before = hits.length
  const url = `${base.replace('127.0.0.1', 'localhost')}/photo.jpg`
  const { view } = await postWith(url)
  expect(hits.length).toBe(before)
  expect(view.photos).toEqual([])
  expect(view.workflow.linkProblems).toEqual([expect.stringContaining('不在允许')])
})
