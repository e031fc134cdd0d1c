/**
 * Removes metadata that can locate or identify the photographer (EXIF with GPS, XMP, comments)
 * from uploaded images, keeping the pixels untouched.
 * JPEG: drops APP1–APP15 and COM segments (keeps APP0/JFIF and everything needed to decode).
 * PNG: drops eXIf, tEXt, zTXt, iTXt and tIME chunks. WebP: drops EXIF and XMP chunks.
 */
export function stripImageMetadata(bytes: Buffer, type: 'jpg' | 'png' | 'webp'): Buffer {
  try {
    if (type === 'jpg') return stripJpeg(bytes)
    if (type === 'png') return stripPng(bytes)
    return stripWebp(bytes)
  } catch {
    return bytes // malformed structure: keep as is rather than corrupt it (it was sniffed as an image)
  }
}

function stripJpeg(b: Buffer): Buffer {
  const out: Buffer[] = [b.subarray(0, 2)]
  let i = 2
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return b
    const marker = b[i + 1]!
    if (marker === 0xda) {
      out.push(b.subarray(i)) // start of scan: the rest is image data
      return Buffer.concat(out)
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      out.push(b.subarray(i, i + 2))
      i += 2
      continue
    }
    const length = b.readUInt16BE(i + 2)
    const segment = b.subarray(i, i + 2 + length)
    const isMetadata = (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe
    if (!isMetadata) out.push(segment)
    i += 2 + length
  }
  return b
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME'])

function stripPng(b: Buffer): Buffer {
  const out: Buffer[] = [b.subarray(0, 8)]
  let i = 8
  while (i + 12 <= b.length) {
    const length = b.readUInt32BE(i)
    const type = b.toString('latin1', i + 4, i + 8)
    const chunk = b.subarray(i, i + 12 + length)
    if (!PNG_DROP.has(type)) out.push(chunk)
    i += 12 + length
    if (type === 'IEND') break
  }
  return Buffer.concat(out)
}

function stripWebp(b: Buffer): Buffer {
  const out: Buffer[] = []
  let i = 12
  while (i + 8 <= b.length) {
    const type = b.toString('latin1', i, i + 4)
    const length = b.readUInt32LE(i + 4)
    const chunk = b.subarray(i, i + 8 + length + (length % 2))
    if (type !== 'EXIF' && type !== 'XMP ') out.push(chunk)
    i += 8 + length + (length % 2)
  }
  const body = Buffer.concat(out)
  const header = Buffer.from(b.subarray(0, 12))
  header.writeUInt32LE(body.length + 4, 4)
  return Buffer.concat([header, body])
}
