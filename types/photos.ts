/**
 * Every photo is stored re-encoded with a thumbnail beside it, named after it: locally
 * `<32 hex>.jpg` → `<32 hex>_t.jpg`, in WeChat `cloud://<env>/photos/<32 hex>.jpg` →
 * `cloud://<env>/photos/<32 hex>_t.jpg`. A photo stored before thumbnails existed is its own
 * thumbnail (locally the server serves the photo; other ids are answered unchanged). No zod here:
 * the main package imports it.
 */
const PROCESSED = /^((?:cloud:\/\/[\w.-]+\/photos\/)?[0-9a-f]{32})\.jpg$/

export function thumbOf(fileId: string): string {
  const m = PROCESSED.exec(fileId)
  return m ? `${m[1]}_t.jpg` : fileId
}
