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
