import type { Sharp } from 'sharp'
import { invalid } from '../core/errors'

/** The longest side of a stored photo and of its thumbnail (px). */
export const PHOTO_MAX_PX = 2048
export const THUMB_PX = 360

/**
 * Decoding stops at images larger than this (a decompression bomb is refused, not decoded). A JPEG
 * may be this large: libvips decodes it already shrunk (shrink-on-load), so its work is a fraction.
 */
const MAX_INPUT_PIXELS = 50_000_000
/**
 * Other formats (PNG, WebP, HEIF) are decoded whole before shrinking: at most this many pixels
 * (issue 23: a 156 KB PNG of 7000×7000 px cost ~2 s of CPU to re-encode). Read from the header
 * before anything is decoded.
 */
export const MAX_DECODED_PIXELS = 24_000_000
/** What an upload is charged against the day's allowance per pixel (bytes): a small file of many pixels costs its pixels' work. */
export const BYTES_PER_PIXEL_CHARGED = 0.25

/** An image as its header describes it, before any decoding. */
export interface ImageHeader {
  format: 'jpeg' | 'png' | 'webp' | 'heif'
  width: number
  height: number
  pixels: number
}

/** What an upload of `bytes` with this header counts against the day's allowance: its size, or its pixels' worth when more. */
export const chargeOf = (bytes: number, header: ImageHeader): number => Math.max(bytes, Math.ceil(header.pixels * BYTES_PER_PIXEL_CHARGED))

const TOO_MANY_PIXELS = '图片尺寸过大（超过 2400 万像素），请裁剪或缩小后再上传'

/**
 * Reads an upload's header only (format and size in pixels; nothing is decoded): an image of too
 * many pixels for its format is refused here with INVALID_INPUT on `file` and its own message, so
 * the allowance and the decoder never see it. Not an image, or a format not read: INVALID_INPUT.
 */
export async function inspectImage(bytes: Buffer): Promise<ImageHeader> {
  const { default: sharp } = await import('sharp')
  let meta
  try {
    meta = await sharp(bytes, { failOn: 'error', limitInputPixels: false }).metadata()
  } catch {
    throw invalid('无法识别这张图片，请重新拍摄或换一张照片', 'file')
  }
  const format = meta.format as ImageHeader['format'] | undefined
  if (!format || !['jpeg', 'png', 'webp', 'heif'].includes(format) || !meta.width || !meta.height) throw invalid('无法识别这张图片，请重新拍摄或换一张照片', 'file')
  const pixels = meta.width * meta.height * Math.max(1, meta.pages ?? 1)
  if (pixels > (format === 'jpeg' ? MAX_INPUT_PIXELS : MAX_DECODED_PIXELS)) throw invalid(TOO_MANY_PIXELS, 'file')
  return { format, width: meta.width, height: meta.height, pixels }
}

export interface ProcessedImage {
  photo: Buffer
  thumb: Buffer
  width: number
  height: number
}

/**
 * Re-encodes an uploaded image with sharp (libvips): turned upright by its EXIF orientation, at most
 * PHOTO_MAX_PX on its longest side, as JPEG with no metadata at all (sharp writes none unless asked,
 * so GPS, camera and author tags never reach storage), plus a THUMB_PX square thumbnail for the feed
 * and the map. Whatever the library cannot decode — not an image, truncated, corrupt, a format it
 * does not read, too many pixels (`inspectImage`, before decoding) — is refused with INVALID_INPUT on `file`.
 */
export async function processImage(bytes: Buffer, header?: ImageHeader, maxPixels?: number): Promise<ProcessedImage> {
  // the header first (pixels bounded before decoding), unless the caller read it already
  const known = header ?? (await inspectImage(bytes))
  // a caller's own bound (a partner's media_url: Config.partnerMedia), below the formats' ones
  if (maxPixels !== undefined && known.pixels > maxPixels) throw invalid(`图片像素过多（最多 ${Math.round(maxPixels / 10_000)} 万像素）`, 'file')
  // loaded on first use: a cloud function that never sees a photo does not load the native library
  const { default: sharp } = await import('sharp')
  try {
    const input: Sharp = sharp(bytes, { failOn: 'error', limitInputPixels: known.format === 'jpeg' ? MAX_INPUT_PIXELS : MAX_DECODED_PIXELS })
    const { data, info } = await input
      .rotate()
      .resize(PHOTO_MAX_PX, PHOTO_MAX_PX, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true })
    const thumb = await sharp(data).resize(THUMB_PX, THUMB_PX, { fit: 'cover', withoutEnlargement: true }).jpeg({ quality: 70, mozjpeg: true }).toBuffer()
    return { photo: data, thumb, width: info.width, height: info.height }
  } catch {
    throw invalid('无法识别这张图片，请重新拍摄或换一张照片', 'file')
  }
}
