import { encode } from 'uqr'

/** What a canvas needs to paint a QR code: the WeChat/Taro canvas context and a browser 2D context both fit. */
export interface QrPainter {
  setFillStyle(color: string): void
  fillRect(x: number, y: number, w: number, h: number): void
}

/**
 * Paints `text` as a QR code filling a `side` × `side` square: white ground with the 4-module quiet
 * zone scanners need, dark modules as whole pixels (no blurred edges), medium error correction so a
 * printed or photographed code still reads. Answers the module size in pixels.
 */
export function paintQr(ctx: QrPainter, text: string, side: number): number {
  const { data, size } = encode(text, { ecc: 'M', border: 0 })
  const cell = Math.floor(side / (size + 8))
  const offset = Math.floor((side - cell * size) / 2)
  ctx.setFillStyle('#ffffff')
  ctx.fillRect(0, 0, side, side)
  ctx.setFillStyle('#000000')
  data.forEach((row, y) => row.forEach((dark, x) => dark && ctx.fillRect(offset + x * cell, offset + y * cell, cell, cell)))
  return cell
}

/** The check-in code inside whatever a scanner read (the code itself, or text around it). */
export const codeFromScan = (result: string): string => /\d{6}/.exec(result)?.[0] ?? ''
