// Renders the tab bar icons (81×81 PNG, as WeChat's tabBar wants) from inline SVG with Chromium.
// Run once after changing an icon: node scripts/make-icons.mjs; the PNGs are committed, written as
// indexed PNG (each icon has fewer than 256 colours: the same pixels in ~30 % fewer bytes of the
// mini-program's main package, issue 23).
import { chromium } from 'playwright-core'
import { PNG } from 'pngjs'
import fs from 'node:fs'
import zlib from 'node:zlib'

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf) => {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type, data) => {
  const body = Buffer.concat([Buffer.from(type), data])
  const head = Buffer.alloc(4)
  head.writeUInt32BE(data.length)
  const tail = Buffer.alloc(4)
  tail.writeUInt32BE(crc32(body))
  return Buffer.concat([head, body, tail])
}

/** The same image as an indexed PNG (palette + tRNS), or the RGBA one when it has more than 256 colours. */
function indexed(rgbaPng) {
  const image = PNG.sync.read(rgbaPng)
  const { width, height, data } = image
  const pixels = Array.from({ length: width * height }, (_, i) => data.readUInt32BE(i * 4))
  // translucent colours first, so that tRNS stops at the last of them
  const palette = [...new Set(pixels)].sort((a, b) => (a & 0xff) - (b & 0xff))
  if (palette.length > 256) return rgbaPng
  const index = new Map(palette.map((c, i) => [c, i]))
  const raw = Buffer.alloc((width + 1) * height) // each row: filter 0, then its palette indexes
  pixels.forEach((c, i) => (raw[Math.floor(i / width) * (width + 1) + 1 + (i % width)] = index.get(c)))
  const plte = Buffer.from(palette.flatMap((c) => [c >>> 24, (c >>> 16) & 0xff, (c >>> 8) & 0xff]))
  const alphas = palette.map((c) => c & 0xff)
  while (alphas.at(-1) === 255) alphas.pop()
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 3 // colour type: indexed
  const png = Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    ...(alphas.length ? [chunk('tRNS', Buffer.from(alphas))] : []),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9, memLevel: 9 })),
    chunk('IEND', Buffer.alloc(0))
  ])
  if (!PNG.sync.read(png).data.equals(data)) throw new Error('indexed PNG differs from the rendered one')
  return png
}

const ICONS = {
  // camera: 随手拍
  report: '<rect x="10" y="24" width="60" height="44" rx="8"/><circle cx="40" cy="46" r="12"/><path d="M28 24l5-9h14l5 9"/>',
  // heart in hand: 志愿
  volunteer: '<path d="M40 62C22 50 14 40 14 30a12 12 0 0 1 26-6 12 12 0 0 1 26 6c0 10-8 20-26 32z"/>',
  // podium: 排行
  ranking: '<rect x="10" y="40" width="18" height="30"/><rect x="31" y="22" width="18" height="48"/><rect x="52" y="50" width="18" height="20"/>',
  // person: 我的
  me: '<circle cx="40" cy="28" r="14"/><path d="M14 70c0-14 12-24 26-24s26 10 26 24"/>'
}
const COLORS = { '': '#5c5c5c', '-active': '#c8161d' }

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
})
const page = await browser.newPage({ viewport: { width: 81, height: 81 } })
fs.mkdirSync('src/assets/tab', { recursive: true })
for (const [name, body] of Object.entries(ICONS)) {
  for (const [suffix, color] of Object.entries(COLORS)) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 80 80" fill="none" stroke="${color}" stroke-width="6" stroke-linejoin="round" stroke-linecap="round">${body}</svg>`
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`)
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: 81, height: 81 } })
    fs.writeFileSync(`src/assets/tab/${name}${suffix}.png`, indexed(png))
  }
}
await browser.close()
console.log('tab icons written to src/assets/tab')
