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

/**
 * A cloud file's public address: `cloud://<env>.<bucket>/<path>` is served at
 * `https://<bucket>.tcb.qcloud.la/<path>` when the storage allows public reads (photos do), or
 * under `base` (a CDN domain) when given. Anything else (a path with `..`, another scheme): null.
 */
export function cloudFileUrl(fileId: string, base?: string): string | null {
  const m = /^cloud:\/\/[\w-]+\.([\w-]+)\/([\w.\-/]+)$/.exec(fileId)
  if (!m || m[2]!.split('/').includes('..')) return null
  return base ? `${base.replace(/\/+$/, '')}/${m[2]}` : `https://${m[1]}.tcb.qcloud.la/${m[2]}`
}
