import crypto from 'node:crypto'
import { isoLocal } from '../core/time'
import type { ContentCheck, MediaCheck, Photos, Push } from '../core/context'
import type { StoredMessage } from '../core/ports'
import type { NoticeTemplateConfig } from '../core/config'
import { invalid, rateLimited } from '../core/errors'
import { COLLECTIONS, type Database } from '../store/cloudbase/db'
import { thumbOf } from '../../types/photos'
import { chargeOf, inspectImage, processImage } from './images'

/** The parts of wx-server-sdk's `cloud.openapi` used here. */
export interface OpenApi {
  security: {
    msgSecCheck(o: { openid: string; scene: number; version: number; content: string }): Promise<{ result?: { suggest?: string } }>
    /** Version 2 answers at once with a trace id; the verdict arrives later as the `wxa_media_check` event. */
    mediaCheckAsync(o: { mediaUrl: string; mediaType: number; version: number; openid: string; scene: number }): Promise<{ traceId?: string; trace_id?: string; errCode?: number }>
  }
  subscribeMessage: { send(o: { touser: string; templateId: string; page?: string; data: Record<string, { value: string }>; miniprogramState?: string }): Promise<unknown> }
}

/** The longest text one msgSecCheck call reads. */
const MSG_CHECK_MAX = 2500

/**
 * `security.msgSecCheck` (version 2): rejects what WeChat judges `risky`; `review` passes and is
 * left to staff. If the check itself fails (quota, network) the text passes and the failure is
 * logged: a broken moderation service must not stop residents from reporting.
 */
export class WeChatContentCheck implements ContentCheck {
  constructor(private readonly openapi: OpenApi, private readonly log: (m: string, d?: unknown) => void) {}

  async isAcceptable(text: string, openid: string): Promise<boolean> {
    // msgSecCheck reads at most 2,500 characters: a longer text (an Open311 partner's, up to 4,000) is checked in parts
    for (let i = 0; i === 0 || i < text.length; i += MSG_CHECK_MAX) {
      try {
        const answer = await this.openapi.security.msgSecCheck({ openid, scene: 2, version: 2, content: text.slice(i, i + MSG_CHECK_MAX) })
        if (answer.result?.suggest === 'risky') return false
      } catch (error) {
        this.log('msgSecCheck failed; text accepted', error)
      }
    }
    return true
  }
}

/** The parts of wx-server-sdk's cloud storage the photos use. */
export interface CloudStorage {
  downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer }>
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  deleteFile(options: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; status: number }> }>
  getTempFileURL(options: { fileList: Array<{ fileID: string; maxAge: number }> }): Promise<{ fileList: Array<{ fileID: string; tempFileURL: string; status: number }> }>
}

const RAW_UPLOAD = /^cloud:\/\/[\w.-]+\/uploads\/([\w-]{1,64})\/[\w.-]{1,100}$/
const PHOTO = /^cloud:\/\/[\w.-]+\/photos\/([0-9a-f]{32})\.jpg$/
const DAY_MS = 24 * 3600_000
const SWEEP_BATCH = 100

/**
 * Photos in WeChat. The app uploads the raw file to cloud storage under the caller's own
 * `uploads/<openid>/` (the storage rule lets a user write only there) and calls
 * `report.acceptPhoto`: this downloads it, re-encodes it (processImage: upright, no EXIF),
 * stores the photo and its thumbnail under `photos/<32 hex>` — an id that carries no openid,
 * since photos are shown in public — records the owner in the `uploads` collection, and removes
 * the raw file. Cases accept only photos recorded for their caller. Database calls: accept 2
 * (the day's bytes, the record), claim 1, a sweep 3 per hundred photos.
 */
export class WeChatPhotos implements Photos {
  constructor(
    private readonly storage: CloudStorage,
    private readonly db: Database,
    private readonly clock: () => Date,
    private readonly bytesPerDay: number,
    private readonly maxBytes = 10 * 1024 * 1024
  ) {}

  private get uploads() {
    return this.db.collection(COLLECTIONS.uploads)
  }

  private async bytesToday(owner: string): Promise<number> {
    const _ = this.db.command
    const since = new Date(this.clock().getTime() - DAY_MS)
    const { list } = await this.uploads.aggregate().match({ owner, at: _.gte(since) }).group({ _id: null, bytes: _.aggregate.sum!('$bytes' as never) }).limit(1).end()
    return Number(list[0]?.bytes ?? 0)
  }

  private async remove(fileIds: string[]): Promise<void> {
    if (fileIds.length) await this.storage.deleteFile({ fileList: fileIds })
  }

  async accept(rawFileId: string, openid: string): Promise<string> {
    const m = RAW_UPLOAD.exec(rawFileId)
    if (!m || m[1] !== openid) throw invalid('照片无效，请重新上传', 'fileId')
    try {
      const { fileContent } = await this.storage.downloadFile({ fileID: rawFileId }).catch((error: unknown) => {
        // only a file storage says is not there is the caller's mistake; any other failure stays an error
        if ((error as { code?: unknown })?.code === 'STORAGE_FILE_NONEXIST') throw invalid('照片不存在，请重新上传', 'fileId')
        throw error
      })
      if (fileContent.length > this.maxBytes) throw invalid('图片不能超过 10 MB', 'fileId')
      // the header only (nothing decoded): too many pixels is refused; the pixels' work is charged
      const header = await inspectImage(fileContent)
      const charge = chargeOf(fileContent.length, header)
      if ((await this.bytesToday(openid)) + charge > this.bytesPerDay) throw rateLimited('今天上传的图片太多了，请明天再试')
      const { photo, thumb } = await processImage(fileContent, header)
      const id = crypto.randomBytes(16).toString('hex')
      await this.storage.uploadFile({ cloudPath: `photos/${thumbOf(`${id}.jpg`)}`, fileContent: thumb })
      const { fileID } = await this.storage.uploadFile({ cloudPath: `photos/${id}.jpg`, fileContent: photo })
      await this.uploads.doc(id).set({ data: { owner: openid, bytes: charge, at: this.clock(), used: false, fileId: fileID } })
      return fileID
    } finally {
      await this.remove([rawFileId]).catch(() => undefined) // the raw file is never kept; a failed removal leaves it to storage's own expiry rule (docs/deploy.md)
    }
  }

  /** An image the server fetched for `owner` (a partner's `media_url`): re-encoded, stored under `photos/`, recorded as theirs, unused. */
  async store(bytes: Buffer, owner: string, limits: { maxPixels: number }): Promise<string> {
    const { photo, thumb } = await processImage(bytes, undefined, limits.maxPixels)
    const id = crypto.randomBytes(16).toString('hex')
    await this.storage.uploadFile({ cloudPath: `photos/${thumbOf(`${id}.jpg`)}`, fileContent: thumb })
    const { fileID } = await this.storage.uploadFile({ cloudPath: `photos/${id}.jpg`, fileContent: photo })
    await this.uploads.doc(id).set({ data: { owner, bytes: bytes.length, at: this.clock(), used: false, fileId: fileID } })
    return fileID
  }

  /** One update: the records of these photos that are the caller's (and not swept) become used; all of them must. */
  async claim(fileIds: string[], openid: string): Promise<boolean> {
    const ids = fileIds.map((f) => PHOTO.exec(f)?.[1])
    if (ids.some((id) => !id)) return false
    const unique = [...new Set(ids as string[])]
    const _ = this.db.command
    // usedAt changes on every call, so `updated` counts every matching record, used before or not
    const { stats } = await this.uploads.where({ _id: _.in(unique), owner: openid, fileId: _.in([...new Set(fileIds)]) }).update({ data: { used: true, usedAt: this.clock() } })
    return stats.updated === unique.length
  }

  /**
   * Removes up to a hundred photos a run that were uploaded over a day ago and never used: their
   * records first (only while still unused), then the files of the records that are gone — a photo
   * taken up by a case in between keeps its file.
   */
  async sweepUnused(): Promise<number> {
    const _ = this.db.command
    const before = new Date(this.clock().getTime() - DAY_MS)
    const { data } = await this.uploads.where({ used: false, at: _.lt(before) }).orderBy('at', 'asc').limit(SWEEP_BATCH).get()
    if (!data.length) return 0
    const ids = data.map((d) => String(d._id))
    await this.uploads.where({ _id: _.in(ids), used: false }).remove()
    const kept = new Set((await this.uploads.where({ _id: _.in(ids) }).limit(SWEEP_BATCH).get()).data.map((d) => String(d._id)))
    const gone = data.filter((d) => !kept.has(String(d._id)))
    await this.remove(gone.flatMap((d) => [String(d.fileId), thumbOf(String(d.fileId))]))
    return gone.length
  }
}

/**
 * The image check in WeChat: `security.mediaCheckAsync` (version 2) for each photo of a case, at a
 * temporary URL of the photo (WeChat downloads it); the trace id each answers is kept in
 * `media_checks` with the case and the photo, so that the `wxa_media_check` event (cloud function
 * `mediaCheck`, docs/deploy.md) finds them. Database calls: one per photo (at most 9).
 */
export class WeChatMediaCheck implements MediaCheck {
  constructor(private readonly openapi: OpenApi, private readonly storage: CloudStorage, private readonly db: Database, private readonly clock: () => Date) {}

  async submit(report: { id: string; openid: string; photos: string[] }): Promise<void> {
    const { fileList } = await this.storage.getTempFileURL({ fileList: report.photos.map((fileID) => ({ fileID, maxAge: 24 * 3600 })) })
    for (const photo of report.photos) {
      const url = fileList.find((f) => f.fileID === photo)?.tempFileURL
      if (!url) throw new Error(`no download URL for ${photo}`)
      const answer = await this.openapi.security.mediaCheckAsync({ mediaUrl: url, mediaType: 2, version: 2, openid: report.openid, scene: 1 })
      const traceId = answer.traceId ?? answer.trace_id
      if (!traceId) throw new Error(`mediaCheckAsync answered no trace id (${answer.errCode ?? '?'})`)
      await this.db.collection(COLLECTIONS.mediaChecks).doc(traceId).set({ data: { reportId: report.id, photo, at: this.clock().getTime() } })
    }
  }
}

/** The `wxa_media_check` event as 云开发消息推送 hands it to a cloud function (JSON). */
export interface MediaCheckEvent {
  Event?: string
  trace_id?: string
  result?: { suggest?: string; label?: string | number }
}

/** The case and photo a trace id was asked for (null: not ours, or already gone). */
export async function traceOf(db: Database, traceId: string): Promise<{ reportId: string; photo: string } | null> {
  const { data } = await db.collection(COLLECTIONS.mediaChecks).doc(traceId).get()
  return data ? { reportId: String(data.reportId), photo: String(data.photo) } : null
}

/** WeChat's answers to `subscribeMessage.send` that no retry changes: a bad template id, field or user. */
const INVALID_PUSH = new Set([40003, 40037, 47003, 41030])

/**
 * Subscribe messages (订阅消息) with the template the core chose (`messages.ts` `publish`), its
 * fields named in the district's config (default thing1 title, thing2 body, time3 time; a `thing`
 * field holds 20 characters). 43101 (no subscription left, or turned off) answers `refused`.
 */
export class WeChatPush implements Push {
  constructor(private readonly openapi: OpenApi, private readonly config: { utcOffsetMinutes: number } = { utcOffsetMinutes: 480 }) {}

  async send(message: StoredMessage, template: NoticeTemplateConfig): Promise<'sent' | 'refused' | 'invalid'> {
    const clip = (s: string) => (s.length > 20 ? `${s.slice(0, 19)}…` : s)
    const f = { title: 'thing1', body: 'thing2', time: 'time3', ...template.fields }
    try {
      await this.openapi.subscribeMessage.send({
        touser: message.openid,
        templateId: template.id,
        page: message.link ?? undefined,
        data: { [f.title]: { value: clip(message.title) }, [f.body]: { value: clip(message.body) }, [f.time]: { value: isoLocal(message.createdAt, this.config).slice(0, 16).replace('T', ' ') } }, // the district's time, as people read it
        miniprogramState: 'formal'
      })
      return 'sent'
    } catch (error) {
      const code = Number((error as { errCode?: unknown })?.errCode)
      if (code === 43101) return 'refused'
      if (INVALID_PUSH.has(code)) return 'invalid'
      throw error
    }
  }
}

/**
 * The district's templates from SUBSCRIBE_TEMPLATES (docs/deploy.md): a JSON array of
 * `{ id, topic, kind: 'once' | 'long', name, kinds, fields? }`, or the older object
 * `{ "<kind prefix>": "<template id>" }` (one-time templates of the `case` topic). Anything else: none.
 */
export function parseTemplates(json: string | undefined, log: (m: string, d?: unknown) => void = () => undefined): NoticeTemplateConfig[] {
  if (!json) return []
  try {
    const value = JSON.parse(json) as unknown
    if (Array.isArray(value)) {
      return value.flatMap((t) => {
        const ok = t && typeof t.id === 'string' && ['case', 'work', 'drive'].includes(t.topic) && ['once', 'long'].includes(t.kind) && Array.isArray(t.kinds)
        if (!ok) log('SUBSCRIBE_TEMPLATES: template ignored', t)
        return ok ? [{ id: t.id, topic: t.topic, kind: t.kind, name: typeof t.name === 'string' ? t.name : t.id, kinds: t.kinds.map(String), ...(t.fields ? { fields: t.fields } : {}) }] : []
      })
    }
    if (value && typeof value === 'object') {
      return Object.entries(value as Record<string, unknown>).flatMap(([prefix, id]) => (typeof id === 'string' ? [{ id, topic: 'case' as const, kind: 'once' as const, name: prefix, kinds: [prefix] }] : []))
    }
  } catch (error) {
    log('SUBSCRIBE_TEMPLATES is not JSON', error)
  }
  return []
}
