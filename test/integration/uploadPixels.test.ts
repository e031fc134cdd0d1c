import { startCloud, type TestCloud } from '../helpers/cloud'
import { flatPng } from '../helpers/images'
import { chargeOf, inspectImage } from '../../cloud/adapters/images'

/**
 * Image work bounded by pixels (issue 23) on the local server's uploads: a small file of too many
 * pixels (a 7000×7000 px PNG of ~50 KB) is refused from its header — with INVALID_INPUT on `file`
 * and a message saying why — without being decoded; an allowed one is charged against the day's
 * allowance by its pixels' worth when that is more than its size. (The CloudBase path, `WeChatPhotos`,
 * is tested in wechat-photos.test.ts.)
 */
let cloud: TestCloud
let now = new Date('2026-12-01T10:00:00+08:00')
const bomb = flatPng(7000, 7000)
const square = flatPng(2000, 2000) // 4 MP: charged 1,000,000 bytes though the file is a few KB

beforeAll(async () => {
  cloud = await startCloud({ clock: () => now, config: { uploadBytesPerDay: 2_500_000 } })
})
afterAll(() => cloud.close())

async function upload(token: string, bytes: Buffer) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'p.png')
  const res = await fetch(`${cloud.url}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })
  return { status: res.status, body: (await res.json()) as { ok: boolean; data?: { fileId: string }; error?: { code: string; field?: string; message: string } } }
}

it('reads the header only: size in pixels and the charge', async () => {
  expect(bomb.length).toBeLessThan(200_000)
  await expect(inspectImage(bomb)).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'file', message: expect.stringContaining('像素') })
  const header = await inspectImage(square)
  expect(header).toEqual({ format: 'png', width: 2000, height: 2000, pixels: 4_000_000 })
  expect(chargeOf(square.length, header)).toBe(1_000_000)
  expect(chargeOf(5_000_000, header)).toBe(5_000_000) // a file larger than its pixels' worth is charged its size
})

it('refuses a 7000×7000 px PNG from its header, before decoding, with a clear code and message; nothing is stored or charged', async () => {
  const token = await cloud.login('pixel-bomber')
  const tooLarge = { status: 400, body: { ok: false, error: { code: 'INVALID_INPUT', field: 'file', message: '图片尺寸过大（超过 2400 万像素），请裁剪或缩小后再上传' } } }
  expect(await upload(token, bomb)).toMatchObject(tooLarge)
  // the same header before pixel data cut short: refused for its size, not as undecodable — the
  // refusal came from the header, before any decoding
  const headerOnly = bomb.subarray(0, 33 + 8 + 64)
  expect(await upload(token, headerOnly)).toMatchObject(tooLarge)
  const small = flatPng(100, 100)
  expect(await upload(token, small.subarray(0, 33 + 8 + 10))).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT', message: expect.stringContaining('无法识别') } } })
  expect(cloud.files.uploadedToday('pixel-owner')).toBe(0)
  expect(cloud.files.uploadedToday('pixel-bomber')).toBe(0)
})

it('charges an allowed image by its pixels: two 2000×2000 px PNGs of a few KB fill an allowance of 2.5 MB', async () => {
  const token = await cloud.login('pixel-owner')
  expect(square.length).toBeLessThan(50_000)
  expect((await upload(token, square)).status).toBe(200)
  expect((await upload(token, square)).status).toBe(200)
  expect(cloud.files.uploadedToday('pixel-owner')).toBe(2_000_000)
  expect(await upload(token, square)).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } })
  // the next day's allowance is fresh
  now = new Date(now.getTime() + 25 * 3600_000)
  expect((await upload(token, square)).status).toBe(200)
})
