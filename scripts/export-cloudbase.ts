/**
 * `npm run export:cloudbase`: moves a district that started on the local server (SQLite) to
 * CloudBase — every case, person, drive, score, points entry, shop, message setting and log entry written into the CloudBase
 * collections through wx-server-sdk, and the photos into cloud storage (docs/deploy.md §10).
 *
 *   CLOUDBASE_ENV_ID=<env> TENCENTCLOUD_SECRETID=<id> TENCENTCLOUD_SECRETKEY=<key> npm run export:cloudbase -- [<civic.db>]
 *   npm run export:cloudbase -- --dry-run     counts only: what would be written (no key needed)
 *   npm run export:cloudbase -- --force       writes into collections that already hold documents
 *   npm run export:cloudbase -- --no-photos   leaves the photos (and the cases' photo ids) as they are
 *
 * The database file: the argument, else `$DATA_DIR/civic.db` (DATA_DIR as `npm run serve` reads it,
 * default `.data`); the photos are the `files` directory beside it. Stop the local server first.
 * The environment must have its collections (`npm run deploy` first). Every document is written
 * by its `_id` (set), so a second run writes the same documents again and duplicates nothing; a
 * target with documents is refused unless `--force` (documents there that the export does not
 * write are left alone).
 */
import fs from 'node:fs'
import path from 'node:path'
import { migrate, openDb } from '../cloud/store/sqlite/db'
import { ALL_COLLECTIONS, type Database } from '../cloud/store/cloudbase/db'
import { thumbOf } from '../types/photos'
import { documentsOf, type Written } from './export/documents'

type Env = Record<string, string | undefined>

/** The parts of wx-server-sdk used here. */
export interface ExportSdk {
  database(options: { throwOnNotFound: false }): unknown
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
}

/** A local photo's record (cloud/server/uploads.ts FileStore: `<id>.json` beside the photo). */
interface Owned { owner: string; bytes: number; at: number; used: boolean }

/** The local photos with their records: `<32 hex>.<ext>` and, for re-encoded ones, `<32 hex>_t.jpg`. */
function localPhotos(dir: string): { id: string; owned: Owned }[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir)
    .filter((f) => /^[0-9a-f]{32}\.(jpg|png|webp)\.json$/.test(f))
    .map((f) => ({ id: f.slice(0, -5), owned: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Owned }))
    .filter((p) => fs.existsSync(path.join(dir, p.id)))
    .sort((a, b) => a.id.localeCompare(b.id))
}

/** Runs `fn` over `items`, `width` at a time. */
async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!)
  }))
}

const UPLOADS = 'uploads'

export async function main(argv: string[], env: Env = process.env, out: (line: string) => void = console.log, opts: { sdk?: ExportSdk } = {}): Promise<number> {
  const flag = (name: string) => argv.includes(name)
  const dryRun = flag('--dry-run')
  const force = flag('--force')
  const withPhotos = !flag('--no-photos')
  const file = path.resolve(argv.find((a) => !a.startsWith('--')) ?? path.join(env.DATA_DIR ?? '.data', 'civic.db'))
  if (!fs.existsSync(file)) {
    out(`找不到本地数据库 ${file}（参数给出 civic.db 的路径，或设置 DATA_DIR）`)
    return 2
  }
  const photoDir = path.join(path.dirname(file), 'files')
  const db = openDb(file)
  try {
    // a database of an older version gets the current columns first, as the server would on start
    migrate(db)
    const photos = withPhotos ? localPhotos(photoDir) : []
    const counts = new Map<string, number>(ALL_COLLECTIONS.map((c) => [c, 0]))
    const count = (collection: string) => counts.set(collection, (counts.get(collection) ?? 0) + 1)
    const print = (heading: string) => {
      out(heading)
      for (const [c, n] of counts) out(`  ${c.padEnd(24)} ${n}`)
      if (withPhotos) out(`  ${'(photo files)'.padEnd(24)} ${photos.length}`)
    }

    if (dryRun) {
      for (const d of documentsOf(db)) count(d.collection)
      for (let i = 0; i < photos.length; i++) count(UPLOADS)
      print(`would write from ${file} (--dry-run: nothing was written):`)
      return 0
    }

    let sdk = opts.sdk
    if (!sdk) {
      const envId = env.CLOUDBASE_ENV_ID
      if (!envId || !env.TENCENTCLOUD_SECRETID || !env.TENCENTCLOUD_SECRETKEY) {
        out('npm run export:cloudbase 需要 CLOUDBASE_ENV_ID、TENCENTCLOUD_SECRETID 和 TENCENTCLOUD_SECRETKEY（环境变量，不要写进仓库）；--dry-run 只统计数量')
        return 2
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const wx = require('wx-server-sdk') as ExportSdk & { init(o: { env: string }): void }
      wx.init({ env: envId })
      sdk = wx
    }
    const cloud = sdk.database({ throwOnNotFound: false }) as Database

    // the target: every collection must exist (npm run deploy), and be empty unless --force
    const held: string[] = []
    for (const c of ALL_COLLECTIONS) {
      let total: number
      try {
        total = (await cloud.collection(c).count()).total
      } catch (error) {
        out(`集合 ${c} 不可用（先运行 npm run deploy 建好集合）：${String((error as Error)?.message ?? error)}`)
        return 2
      }
      if (total > 0) held.push(`${c} (${total})`)
    }
    if (held.length && !force) {
      out(`目标环境已有数据：${held.join('、')}。确认要写入（按 _id 覆盖同名文档）请加 --force`)
      return 3
    }

    // photos first: each to `photos/<its name>` in cloud storage (the name is kept, so a second
    // run puts the same file at the same place), recorded in `uploads` as WeChat photos are
    const fileIdOf = new Map<string, string>()
    const uploads: Written[] = []
    await pool(photos, 4, async ({ id, owned }) => {
      const thumb = thumbOf(id)
      if (thumb !== id && fs.existsSync(path.join(photoDir, thumb))) await sdk.uploadFile({ cloudPath: `photos/${thumb}`, fileContent: fs.readFileSync(path.join(photoDir, thumb)) })
      const { fileID } = await sdk.uploadFile({ cloudPath: `photos/${id}`, fileContent: fs.readFileSync(path.join(photoDir, id)) })
      fileIdOf.set(id, fileID)
      uploads.push({ collection: UPLOADS, _id: id.slice(0, 32), data: { owner: owned.owner, bytes: owned.bytes, at: new Date(owned.at), used: owned.used, fileId: fileID } })
    })
    const missing = new Set<string>()
    const photoIdOf = (local: string) => {
      const moved = fileIdOf.get(local)
      if (withPhotos && !moved) missing.add(local)
      return moved ?? local
    }
    const documents = [...uploads, ...documentsOf(db, photoIdOf)]
    await pool(documents, 8, async (d) => {
      await cloud.collection(d.collection).doc(d._id).set({ data: d.data })
      count(d.collection)
    })
    print(`wrote from ${file}:`)
    if (missing.size) out(`! ${missing.size} photo id(s) named by cases or drives have no file in ${photoDir}; they were left as they were`)
    return 0
  } finally {
    db.close()
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
