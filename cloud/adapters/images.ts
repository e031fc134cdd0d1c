import type { Sharp } from 'sharp'
import { invalid } from '../core/errors'

/** The longest side of a stored photo and of its thumbnail (px). */
export const PHOTO_MAX_PX = 2048
export const THUMB_PX = 360

/** Decoding stops at images larger than this (a decompression bomb is refused, not decoded). */
const MAX_INPUT_PIXELS = 50_000_000

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
 * does not read, too many pixels — is refused with INVALID_INPUT on `file`.
 */
export async function processImage(bytes: Buffer, maxPixels = MAX_INPUT_PIXELS): Promise<ProcessedImage> {
  // loaded on first use: a cloud function that never sees a photo does not load the native library
  const { default: sharp } = await import('sharp')
  let tooManyPixels = false
  try {
    const input: Sharp = sharp(bytes, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS })
    const meta = await input.metadata()
    if (!meta.format || !['jpeg', 'png', 'webp', 'heif'].includes(meta.format)) throw new Error(`unsupported ${meta.format}`)
    if ((meta.width ?? 0) * (meta.height ?? 0) > maxPixels) {
      tooManyPixels = true
      throw new Error('too many pixels')
    }
    const { data, info } = await input
      .rotate()
      .resize(PHOTO_MAX_PX, PHOTO_MAX_PX, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true })
    const thumb = await sharp(data).resize(THUMB_PX, THUMB_PX, { fit: 'cover', withoutEnlargement: true }).jpeg({ quality: 70, mozjpeg: true }).toBuffer()
    return { photo: data, thumb, width: info.width, height: info.height }
  } catch {
    if (tooManyPixels) throw invalid(`图片像素过多（最多 ${Math.round(maxPixels / 10_000)} 万像素）`, 'file')
    throw invalid('无法识别这张图片，请重新拍摄或换一张照片', 'file')
  }
}
