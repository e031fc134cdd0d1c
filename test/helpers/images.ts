/** A tiny valid JPEG (1×1 px), optionally with an EXIF APP1 segment carrying a GPS marker. */
export function tinyJpeg(withExif = false): Uint8Array<ArrayBuffer> {
  const base = Buffer.from(
    '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=',
    'base64'
  )
  if (!withExif) return new Uint8Array(base)
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from('GPSLatitude=35.7612;GPSLongitude=115.0291', 'latin1')])
  const app1 = Buffer.alloc(4)
  app1.writeUInt16BE(0xffe1, 0)
  app1.writeUInt16BE(payload.length + 2, 2)
  return new Uint8Array(Buffer.concat([base.subarray(0, 2), app1, payload, base.subarray(2)]))
}

/**
 * A 64×48 camera-like JPEG made with sharp: EXIF with the camera, a GPS position and orientation 6
 * (shown turned a quarter, so upright it is 48×64).
 */
export async function cameraJpeg(): Promise<Buffer> {
  const { default: sharp } = await import('sharp')
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#c03030' } })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'CivicPhone', Model: 'GPS-Leak-1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 45/1 40/1', GPSLongitudeRef: 'E', GPSLongitude: '115/1 1/1 45/1' } })
    .jpeg()
    .toBuffer()
}

/**
 * A valid grey PNG of width × height px, all one shade, made by hand (no encoder): its pixels
 * compress to almost nothing, so a 7000×7000 px image is a file of ~50 KB (issue 23's bomb).
 */
export function flatPng(width: number, height: number): Buffer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const zlib = require('node:zlib') as typeof import('node:zlib')
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf: Buffer) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([len, body, sum])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 0 // greyscale
  const row = Buffer.alloc(width + 1, 0x80)
  row[0] = 0 // filter: none
  const raw = Buffer.concat(Array.from({ length: height }, () => row))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))])
}
