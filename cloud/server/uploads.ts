import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { invalid, rateLimited } from '../core/errors'
import type { Photos } from '../core/context'
import { chargeOf, inspectImage, processImage } from '../adapters/images'
import { thumbOf } from '../../types/photos'

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

const TYPES = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp'
} as const
type Ext = keyof typeof TYPES

/** The image type from the first bytes of the content, whatever the client claimed. */
export function sniffImage(head: Buffer): Ext | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpg'
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png'
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'webp'
  return null
}

/** A stored photo (`<32 hex>.jpg`; before re-encoding, uploads kept their type) or its thumbnail (`<32 hex>_t.jpg`). */
export const FILE_ID = /^[0-9a-f]{32}(_t)?\.(jpg|png|webp)$/

export function contentTypeOf(fileId: string): string {
  return TYPES[fileId.slice(fileId.lastIndexOf('.') + 1) as Ext]
}

interface Owned {
  owner: string
  /** What the upload was charged: its size, or its pixels' worth when more (images.ts `chargeOf`). */
  bytes: number
  at: number
  used: boolean
}

const DAY_MS = 24 * 3600_000

/**
 * Local file storage under DATA_DIR/files; writes are fsynced and renamed into place. Every upload
 * is re-encoded (processImage: upright, no metadata, JPEG) and stored with a thumbnail
 * (`<id>_t.jpg`). Each upload has a record beside it (`<id>.json`: who uploaded it, its size, when, whether a case uses it),
 * so that a case can only show its reporter's own photos, a user's uploads are limited in bytes a
 * day, and photos no case took up are removed after a day. The records are read once at start.
 */
export class FileStore implements Photos {
  readonly dir: string
  private readonly owned = new Map<string, Owned>()

  constructor(dataDir: string, private readonly clock: () => Date = () => new Date(), private readonly bytesPerDay = Infinity) {
    this.dir = path.join(dataDir, 'files')
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 })
    for (const f of fs.readdirSync(this.dir)) {
      if (!f.endsWith('.json')) continue
      try {
        this.owned.set(f.slice(0, -5), JSON.parse(fs.readFileSync(path.join(this.dir, f), 'utf8')) as Owned)
      } catch {
        // a record cut short by a crash: its photo counts as nobody's
      }
    }
  }

  private record(fileId: string, o: Owned): void {
    this.owned.set(fileId, o)
    const tmp = path.join(this.dir, `.${fileId}.json.tmp`)
    fs.writeFileSync(tmp, JSON.stringify(o), { mode: 0o600 })
    fs.renameSync(tmp, path.join(this.dir, `${fileId}.json`))
  }

  /** Bytes `owner` was charged for uploads in the last 24 hours (size, or pixels' worth when more). */
  uploadedToday(owner: string): number {
    const since = this.clock().getTime() - DAY_MS
    let n = 0
    for (const o of this.owned.values()) if (o.owner === owner && o.at >= since) n += o.bytes
    return n
  }

  private write(name: string, bytes: Buffer): void {
    const tmp = path.join(this.dir, `.${name}.tmp`)
    const fd = fs.openSync(tmp, 'w', 0o600)
    try {
      fs.writeSync(fd, bytes)
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(tmp, path.join(this.dir, name))
  }

  /**
   * Checks the declared and sniffed type, the pixels (from the header) and the owner's daily
   * allowance (charged by size or by pixels, whichever is more), re-encodes the image,
   * stores it with its thumbnail and answers the photo's id.
   */
  async save(bytes: Buffer, declaredType: string, owner: string): Promise<string> {
    if (!Object.values(TYPES).includes(declaredType as (typeof TYPES)[Ext])) throw invalid('只能上传 JPEG、PNG 或 WebP 图片', 'file')
    if (!sniffImage(bytes)) throw invalid('文件内容不是有效的图片', 'file')
    // the header only (nothing decoded): too many pixels is refused here; the pixels' work is charged
    const header = await inspectImage(bytes)
    const charge = chargeOf(bytes.length, header)
    if (this.uploadedToday(owner) + charge > this.bytesPerDay) throw rateLimited('今天上传的图片太多了，请明天再试')
    const { photo, thumb } = await processImage(bytes, header)
    const fileId = `${crypto.randomBytes(16).toString('hex')}.jpg`
    this.write(thumbOf(fileId), thumb)
    this.write(fileId, photo)
    this.record(fileId, { owner, bytes: charge, at: this.clock().getTime(), used: false })
    return fileId
  }

  /** An image the server fetched for `owner` (a partner's `media_url`): re-encoded and kept as an unused upload of theirs. */
  async store(bytes: Buffer, owner: string, limits: { maxPixels: number }): Promise<string> {
    if (!sniffImage(bytes)) throw invalid('文件内容不是有效的图片', 'file')
    const { photo, thumb } = await processImage(bytes, undefined, limits.maxPixels)
    const fileId = `${crypto.randomBytes(16).toString('hex')}.jpg`
    this.write(thumbOf(fileId), thumb)
    this.write(fileId, photo)
    this.record(fileId, { owner, bytes: bytes.length, at: this.clock().getTime(), used: false })
    return fileId
  }

  /** Uploads arrive through POST /api/upload here; a raw cloud-storage upload only exists in WeChat. */
  async accept(): Promise<string> {
    throw invalid('本地服务请通过 /api/upload 上传图片', 'fileId')
  }

  /** The file of a photo or thumbnail; a photo stored before thumbnails existed serves as its own. */
  pathOf(fileId: string): string | null {
    if (!FILE_ID.test(fileId)) return null
    const file = path.join(this.dir, fileId)
    if (fs.existsSync(file)) return file
    const original = fileId.replace('_t.', '.')
    return original !== fileId && fs.existsSync(path.join(this.dir, original)) ? path.join(this.dir, original) : null
  }

  async claim(fileIds: string[], openid: string): Promise<boolean> {
    if (!fileIds.every((id) => FILE_ID.test(id) && this.owned.get(id)?.owner === openid && fs.existsSync(path.join(this.dir, id)))) return false
    for (const id of fileIds) {
      const o = this.owned.get(id)!
      if (!o.used) this.record(id, { ...o, used: true })
    }
    return true
  }

  /** Removes photos uploaded over a day ago that no case uses; answers how many. */
  async sweepUnused(): Promise<number> {
    const before = this.clock().getTime() - DAY_MS
    let removed = 0
    for (const [id, o] of this.owned) {
      if (o.used || o.at >= before) continue
      fs.rmSync(path.join(this.dir, id), { force: true })
      fs.rmSync(path.join(this.dir, thumbOf(id)), { force: true })
      fs.rmSync(path.join(this.dir, `${id}.json`), { force: true })
      this.owned.delete(id)
      removed++
    }
    return removed
  }
}
