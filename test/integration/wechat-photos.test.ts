import sharp from 'sharp'
import { createMain, createMediaCheckMain, type WxServerSdk } from '../../cloud/wechat/root'
import { createDeps } from '../../cloud/wechat/root'
import { seedDemo } from '../../cloud/seed/demo'
import { createCloudBaseStore, type Database } from '../../cloud/store/cloudbase'
import { emulatedCloudBase } from '../../cloud/emulator/install'
import { EmulatedStorage } from '../../cloud/emulator/storage'
import { defaultConfig } from '../../cloud/core/config'
import { thumbOf } from '../../types/photos'
import { cameraJpeg, flatPng, tinyJpeg } from '../helpers/images'

/**
 * Photos in WeChat mode on the real wx-server-sdk: its storage calls (signed TCB API requests and
 * object PUT/GET) answered by the emulated cloud storage, its database calls by the emulated
 * database. The raw upload is put where the mini-program's `wx.cloud.uploadFile` puts it.
 */
let storage: EmulatedStorage
beforeAll(async () => {
  storage = await new EmulatedStorage().start()
})
afterAll(async () => {
  await storage.stop()
  for (const k of ['WX_CONTEXT_KEYS', 'WX_OPENID', 'WX_APPID']) delete process.env[k]
})

async function runtime() {
  const { emulator, sdk: real } = emulatedCloudBase({ seed: 5 })
  // only openapi (WeChat's own network service) is replaced, as in wechat-entry.test.ts
  const checks: Array<{ mediaUrl: string; openid: string; traceId: string }> = []
  const wx = Object.assign(Object.create(real as object) as WxServerSdk, {
    openapi: {
      security: {
        msgSecCheck: async () => ({ result: { suggest: 'pass' } }),
        mediaCheckAsync: async (o: { mediaUrl: string; openid: string }) => {
          const traceId = `trace-${checks.length + 1}`
          checks.push({ mediaUrl: o.mediaUrl, openid: o.openid, traceId })
          return { errCode: 0, traceId }
        }
      },
      subscribeMessage: { send: async () => undefined }
    }
  })
  await seedDemo(createCloudBaseStore(wx.database({ throwOnNotFound: false }) as Database))
  const as = (openid: string) => {
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID'
    process.env.WX_APPID = 'wx-test'
    process.env.WX_OPENID = openid
  }
  const report = createMain('report', () => wx)
  /** What the app does: upload under uploads/<openid>/, then report.acceptPhoto. */
  const rawUpload = async (openid: string, bytes: Buffer | Uint8Array, name = 'IMG_0001.jpg') =>
    (await wx.uploadFile({ cloudPath: `uploads/${openid}/${name}`, fileContent: Buffer.from(bytes) })).fileID
  return { emulator, wx, as, report, rawUpload, checks }
}

type Answer = { ok: boolean; data?: { fileId?: string; id?: string; photos?: string[] }; error?: { code: string; field?: string } }

it('a raw upload becomes an upright photo with no EXIF and a thumbnail, under an id without the openid; the raw file is gone', async () => {
  const { as, report, rawUpload } = await runtime()
  const raw = await rawUpload('o-photo-owner', await cameraJpeg())
  expect(storage.objects.has('uploads/o-photo-owner/IMG_0001.jpg')).toBe(true)
  as('o-photo-owner')
  const accepted = (await report({ action: 'acceptPhoto', data: { fileId: raw } })) as Answer
  expect(accepted).toMatchObject({ ok: true, data: { fileId: expect.stringMatching(/^cloud:\/\/local-emulator\.[\w-]+\/photos\/[0-9a-f]{32}\.jpg$/) } })
  const fileId = accepted.data!.fileId!
  expect(fileId).not.toContain('o-photo-owner')
  expect(storage.objects.has('uploads/o-photo-owner/IMG_0001.jpg')).toBe(false)

  const photo = storage.objects.get(storage.pathOf(fileId)!)!
  const meta = await sharp(photo).metadata()
  expect([meta.format, meta.width, meta.height, meta.exif, meta.orientation]).toEqual(['jpeg', 48, 64, undefined, undefined])
  expect(photo.includes(Buffer.from('GPS-Leak-1'))).toBe(false)
  const thumb = storage.objects.get(storage.pathOf(thumbOf(fileId))!)!
  expect((await sharp(thumb).metadata()).format).toBe('jpeg')

  // the photo files a case; the case answers the stored id
  const filed = (await report({ action: 'create', data: { clientId: 'wechat-photo-1', category: 'zhandao', description: '路口占道经营', photos: [fileId], location: { latitude: 35.7, longitude: 115 } } })) as Answer
  expect(filed).toMatchObject({ ok: true, data: { photos: [fileId] } })
})

it("refuses another user's raw upload, another user's photo, a made-up id and what is not an image, and removes what it refused", async () => {
  const { as, report, rawUpload } = await runtime()
  const mine = await rawUpload('o-alice', tinyJpeg())
  as('o-mallory')
  expect(await report({ action: 'acceptPhoto', data: { fileId: mine } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'fileId' } })
  expect(storage.objects.has('uploads/o-alice/IMG_0001.jpg')).toBe(true)

  as('o-alice')
  const photo = ((await report({ action: 'acceptPhoto', data: { fileId: mine } })) as Answer).data!.fileId!
  as('o-mallory')
  expect(await report({ action: 'create', data: { clientId: 'wechat-photo-steal', category: 'zhandao', description: '路口占道经营', photos: [photo], location: { latitude: 35.7, longitude: 115 } } }))
    .toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'photos' } })
  expect(await report({ action: 'create', data: { clientId: 'wechat-photo-madeup', category: 'zhandao', description: '路口占道经营', photos: [photo.replace(/[0-9a-f]{32}/, 'a'.repeat(32))], location: { latitude: 35.7, longitude: 115 } } }))
    .toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'photos' } })
  // the old form of id, a raw upload in the caller's own folder, is no photo: it carries an openid
  const own = await rawUpload('o-mallory', tinyJpeg())
  expect(await report({ action: 'create', data: { clientId: 'wechat-photo-raw', category: 'zhandao', description: '路口占道经营', photos: [own], location: { latitude: 35.7, longitude: 115 } } }))
    .toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'photos' } })

  const text = await rawUpload('o-mallory', Buffer.from('<?php system($_GET["c"]); ?>'), 'shell.jpg')
  expect(await report({ action: 'acceptPhoto', data: { fileId: text } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'file' } })
  expect(storage.objects.has('uploads/o-mallory/shell.jpg')).toBe(false)
  expect(await report({ action: 'acceptPhoto', data: { fileId: 'https://evil.example/x.jpg' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'fileId' } })
})

it("limits a user's bytes a day, and the sweep removes photos no case took up within a day, keeping used ones", async () => {
  const { wx, as, report, rawUpload } = await runtime()
  let now = new Date('2026-12-01T02:00:00Z')
  const deps = createDeps(wx)
  const big = await cameraJpeg()
  const photos = new (await import('../../cloud/adapters/wechat')).WeChatPhotos(wx, wx.database({ throwOnNotFound: false }) as Database, () => now, big.length * 2)
  const kept = await photos.accept(await rawUpload('o-limited', big, 'a.jpg'), 'o-limited')
  const unused = await photos.accept(await rawUpload('o-limited', big, 'b.jpg'), 'o-limited')
  await expect(photos.accept(await rawUpload('o-limited', big, 'c.jpg'), 'o-limited')).rejects.toMatchObject({ code: 'RATE_LIMITED' })
  expect(storage.objects.has('uploads/o-limited/c.jpg')).toBe(false)
  expect(await photos.claim([kept], 'o-limited')).toBe(true)

  expect(await photos.sweepUnused()).toBe(0) // nothing is a day old yet
  now = new Date('2026-12-02T02:00:01Z')
  expect(await photos.sweepUnused()).toBe(1)
  expect(storage.objects.has(storage.pathOf(unused)!)).toBe(false)
  expect(storage.objects.has(storage.pathOf(thumbOf(unused))!)).toBe(false)
  expect(storage.objects.has(storage.pathOf(kept)!)).toBe(true)
  // a swept photo cannot be claimed by a case afterwards; a used one again (a retried submit), by its owner only
  expect(await photos.claim([unused], 'o-limited')).toBe(false)
  expect(await photos.claim([kept], 'o-limited')).toBe(true)
  expect(await photos.claim([kept], 'o-other')).toBe(false)
  expect(await photos.claim([kept.replace('local-emulator.', 'other-env.')], 'o-limited')).toBe(false)
  // the next day's allowance is fresh
  await expect(photos.accept(await rawUpload('o-limited', big, 'd.jpg'), 'o-limited')).resolves.toMatch(/\/photos\//)

  // the production limit is the config's, through the function's own composition
  expect(defaultConfig.uploadBytesPerDay).toBeGreaterThan(10 * 1024 * 1024)
  expect(deps.photos).toBeInstanceOf((await import('../../cloud/adapters/wechat')).WeChatPhotos)
  as('o-limited')
  expect(await report({ action: 'acceptPhoto', data: { fileId: storage.fileIdOf('uploads/o-limited/none.jpg') } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'fileId' } })
})

it('bounds image work by pixels (issue 23): too many pixels is refused from the header and removed; an allowed image is charged its pixels\' worth', async () => {
  const { wx, rawUpload } = await runtime()
  const now = new Date('2026-12-01T02:00:00Z')
  const square = flatPng(2000, 2000) // a few KB, charged 1,000,000
  const photos = new (await import('../../cloud/adapters/wechat')).WeChatPhotos(wx, wx.database({ throwOnNotFound: false }) as Database, () => now, 2_500_000)
  await expect(photos.accept(await rawUpload('o-pixels', flatPng(7000, 7000), 'bomb.png'), 'o-pixels'))
    .rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'file', message: '图片尺寸过大（超过 2400 万像素），请裁剪或缩小后再上传' })
  expect(storage.objects.has('uploads/o-pixels/bomb.png')).toBe(false)
  await photos.accept(await rawUpload('o-pixels', square, 'a.png'), 'o-pixels')
  await photos.accept(await rawUpload('o-pixels', square, 'b.png'), 'o-pixels')
  await expect(photos.accept(await rawUpload('o-pixels', square, 'c.png'), 'o-pixels')).rejects.toMatchObject({ code: 'RATE_LIMITED' })
})

it('a case with photos is public once WeChat\'s image check answers: mediaCheckAsync at a download URL, the verdict as the wxa_media_check event', async () => {
  const { as, report, rawUpload, checks, wx } = await runtime()
  const mediaCheck = createMediaCheckMain(() => wx)
  as('o-mod-reporter')
  const [a, b] = [
    ((await report({ action: 'acceptPhoto', data: { fileId: await rawUpload('o-mod-reporter', tinyJpeg(), 'a.jpg') } })) as Answer).data!.fileId!,
    ((await report({ action: 'acceptPhoto', data: { fileId: await rawUpload('o-mod-reporter', await cameraJpeg(), 'b.jpg') } })) as Answer).data!.fileId!
  ]
  const filed = (await report({ action: 'create', data: { clientId: 'wechat-mod-1', category: 'zhandao', description: '路口占道经营待审核', photos: [a, b], location: { latitude: 35.7, longitude: 115 } } })) as Answer & { data: { moderation: string } }
  expect(filed).toMatchObject({ ok: true, data: { moderation: 'pending' } })
  // one check per photo, for the reporter, at a URL WeChat can download the stored photo from
  expect(checks.map((c) => c.openid)).toEqual(['o-mod-reporter', 'o-mod-reporter'])
  const fetched = await fetch(checks[1]!.mediaUrl)
  expect(Buffer.from(await fetched.arrayBuffer()).equals(storage.objects.get(storage.pathOf(b)!)!)).toBe(true)

  as('o-mod-neighbour')
  expect(await report({ action: 'get', data: { id: filed.data!.id } })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  expect(await mediaCheck({ Event: 'wxa_media_check', trace_id: 'trace-unknown', result: { suggest: 'pass' } })).toBe('unknown trace')
  expect(await mediaCheck({ Event: 'wxa_media_check', trace_id: checks[0]!.traceId, result: { suggest: 'pass', label: 100 } })).toBe('success')
  expect(await report({ action: 'get', data: { id: filed.data!.id } })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } }) // one verdict to go
  expect(await mediaCheck({ Event: 'wxa_media_check', trace_id: checks[1]!.traceId, result: { suggest: 'risky', label: 20001 } })).toBe('success')
  expect(await report({ action: 'get', data: { id: filed.data!.id } })).toMatchObject({ ok: true, data: { moderation: 'passed', photos: [a], reporter: null } })
  as('o-mod-reporter')
  expect(await report({ action: 'get', data: { id: filed.data!.id } })).toMatchObject({ ok: true, data: { photos: [a, b], hiddenPhotos: [b] } })
  expect(await mediaCheck({ Event: 'user_enter_tempsession' } as never)).toBe('ignored')
})
