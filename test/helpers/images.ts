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
