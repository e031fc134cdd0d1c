import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { invalid } from '../core/errors'
import { stripImageMetadata } from './imageMeta'

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

export const FILE_ID = /^[0-9a-f]{32}\.(jpg|png|webp)$/

export function contentTypeOf(fileId: string): string {
  return TYPES[fileId.slice(fileId.lastIndexOf('.') + 1) as Ext]
}

/** Local file storage under DATA_DIR/files; writes are fsynced and renamed into place. */
export class FileStore {
  readonly dir: string
  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'files')
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 })
  }

  /** Checks the declared and sniffed type, stores the bytes and answers the file id. */
  save(bytes: Buffer, declaredType: string): string {
    if (!Object.values(TYPES).includes(declaredType as (typeof TYPES)[Ext])) throw invalid('只能上传 JPEG、PNG 或 WebP 图片', 'file')
    const ext = sniffImage(bytes)
    if (!ext) throw invalid('文件内容不是有效的图片', 'file')
    const fileId = `${crypto.randomBytes(16).toString('hex')}.${ext}`
    const tmp = path.join(this.dir, `.${fileId}.tmp`)
    const fd = fs.openSync(tmp, 'w', 0o600)
    try {
      fs.writeSync(fd, stripImageMetadata(bytes, ext))
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(tmp, path.join(this.dir, fileId))
    return fileId
  }

  pathOf(fileId: string): string | null {
    if (!FILE_ID.test(fileId)) return null
    const file = path.join(this.dir, fileId)
    return fs.existsSync(file) ? file : null
  }
}
