import QRCode from 'qrcode'

/** A QR image of `text` as an SVG data URL (the `qrcode` package: pure script, no canvas), for an `<Image>`. */
export async function qrImage(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, width: 240 })
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}

/** `123456789012` → `1234 5678 9012`: easier to read out and type. */
export const grouped = (code: string) => code.replace(/(\d{4})(?=\d)/g, '$1 ')
