/**
 * A perceptual fingerprint of an image (difference hash, 64 bits as 16 hex digits): the image is
 * reduced to 9×8 grey pixels and each bit says whether a pixel is brighter than its right-hand
 * neighbour. Re-encoding, scaling and small edits keep it (or change a few bits), so a district's
 * list of images it refuses matches re-uploads of them. `sharp` does the decoding.
 */
export async function fingerprintOf(bytes: Buffer): Promise<string> {
  const { default: sharp } = await import('sharp')
  const px = await sharp(bytes).rotate().greyscale().resize(9, 8, { fit: 'fill' }).raw().toBuffer()
  let bits = 0n
  for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) bits = (bits << 1n) | (px[y * 9 + x]! > px[y * 9 + x + 1]! ? 1n : 0n)
  return bits.toString(16).padStart(16, '0')
}

/** Bits that differ between two fingerprints. */
export function fingerprintDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`)
  let n = 0
  while (x) {
    n += Number(x & 1n)
    x >>= 1n
  }
  return n
}
