import jsQR from 'jsqr'
import { codeFromScan, paintQr } from '../../src/sub-volunteer/components/qr'

/** A tiny RGBA raster that records what paintQr fills, standing in for a canvas. */
function raster(side: number) {
  const pixels = new Uint8ClampedArray(side * side * 4)
  let color = [0, 0, 0]
  return {
    pixels,
    setFillStyle: (c: string) => (color = [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16))),
    fillRect: (x: number, y: number, w: number, h: number) => {
      for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) pixels.set([...color, 255], (j * side + i) * 4)
    }
  }
}

it.each(['000000', '482915', '999999'])('paints %s as a QR code a scanner reads back', (code) => {
  const side = 232
  const r = raster(side)
  const cell = paintQr(r, code, side)
  expect(cell).toBeGreaterThanOrEqual(4)
  expect(jsQR(r.pixels, side, side)?.data).toBe(code)
})

it('finds the code in what a scanner answers', () => {
  expect(codeFromScan('482915')).toBe('482915')
  expect(codeFromScan(' 签到码:482915 ')).toBe('482915')
  expect(codeFromScan('https://example.com/x')).toBe('')
})
