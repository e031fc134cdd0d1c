import fs from 'node:fs'
import path from 'node:path'
import { defaultConfig, partnerMediaOf, type Config } from '../core/config'
import type { Deps, Push } from '../core/context'
import { handlers } from '../core/handlers'
import { createSqliteStore } from '../store/sqlite'
import { seedDemo, seedDistrict } from '../seed/demo'
import { seedDemoActivity } from '../seed/activity'
import { retrying } from '../seed/retry'
import { WordListContentCheck } from '../adapters/wordList'
import { WeComWebhook } from '../adapters/wecom'
import { HttpMediaFetch } from '../adapters/mediaFetch'
import { buildServer } from './app'
import { newResident } from '../core/table'
import { createTokenSigner, DEFAULT_TOKEN_MEMO_SIZE, loadSecret } from './tokens'
import { FileStore } from './uploads'
import { LocalMediaCheck } from './mediaCheck'
import { sweepModeration } from '../core/report/moderation'
import { sweepDeadlines } from '../core/report/cases'
import { remindDrives, settleEnded } from '../core/volunteer/cases'
import { sweepConsoleLogins } from '../core/user/consoleLogin'
import { sweepPointCodes } from '../core/points/shop'
import { expirePoints } from '../core/points/ledger'
import type { Store } from '../core/ports'
import type { EmulatedDatabase } from '../emulator/database'
import { DB_TIMEOUT_MS } from '../store/cloudbase/db'

/** Which store the local server runs on: SQLite (default) or the CloudBase adapter through the real SDK and the emulator. */
export type StoreKind = 'sqlite' | 'cloudbase'

export function storeKindOf(value: string | undefined = process.env.STORE): StoreKind {
  if (!value || value === 'sqlite') return 'sqlite'
  if (value === 'cloudbase') return 'cloudbase'
  throw new Error(`STORE 只能是 sqlite 或 cloudbase（收到 ${value}）`)
}

/**
 * The store of local mode. `cloudbase`: the production adapter on the real wx-server-sdk, its
 * requests answered by the emulated CloudBase database server (in memory: it starts empty and
 * is seeded on each start; EMULATOR_FAULTS and EMULATOR_LATENCY_MS apply).
 */
async function openStore(kind: StoreKind, dataDir: string, existing?: EmulatedDatabase): Promise<{ store: Store; emulator: EmulatedDatabase | null }> {
  if (kind === 'sqlite') return { store: createSqliteStore(path.join(dataDir, 'civic.db')), emulator: null }
  const { emulatedCloudBase, installEmulator } = await import('../emulator/install')
  const { createCloudBaseStore } = await import('../store/cloudbase')
  if (existing) {
    // an environment that already holds data (tests of `npm run export:cloudbase`)
    installEmulator(existing)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require('wx-server-sdk') as { init(o: { env: string; timeout: number }): void; database(o: { throwOnNotFound: boolean }): unknown }
    sdk.init({ env: 'local-emulator', timeout: DB_TIMEOUT_MS })
    return { store: createCloudBaseStore(sdk.database({ throwOnNotFound: false }) as never), emulator: existing }
  }
  const { emulator, sdk } = emulatedCloudBase()
  return { store: createCloudBaseStore(sdk.database({ throwOnNotFound: false }) as never), emulator }
}

export interface LocalCloudOptions {
  dataDir: string
  h5Dir?: string
  /** The console's build (default: `admin` beside the H5 build). */
  adminDir?: string
  config?: Partial<Config>
  clock?: () => Date
  seed?: boolean
  logger?: boolean
  /** With the demo district, also demo cases and drives (`npm start`; tests start without them). */
  demoActivity?: boolean
  /** How often the deadline sweep runs (ms); 0 turns it off (tests call it themselves). */
  sweepEveryMs?: number
  /** Default: the STORE environment variable, else sqlite. */
  store?: StoreKind
  /** On cloudbase: this emulated environment (with its data) instead of a fresh one. */
  emulator?: EmulatedDatabase
  /**
   * Demo mode (default: CIVIC_DEMO=1, which `npm start` sets): the open demo login and the demo
   * identities. Without it nobody signs in except through WeChat (`/api/login/wechat`).
   */
  demo?: boolean
  /** Openids made admins at start (CIVIC_ADMINS, comma separated): how a district gets its first admin. */
  admins?: string[]
  /** Host names the server answers to (ALLOWED_HOSTS, comma separated; loopback names always). */
  allowedHosts?: string[]
  /** A request must arrive whole within this time. */
  requestTimeoutMs?: number
  /** Sign-in attempts per client address a minute (LOGINS_PER_MINUTE, default 30). */
  loginsPerMinute?: number
  /** Open311 reads per client address a minute (OPEN311_READS_PER_MINUTE, default 120). */
  open311ReadsPerMinute?: number
  /** Token lifetimes in seconds (default: access 2 hours, refresh 30 days). */
  tokenTtl?: { access: number; refresh: number }
  /** How many verified tokens are remembered (TOKEN_MEMO_SIZE; default 50,000): at least the users active at once. */
  tokenMemoSize?: number
  /** The server's public address (default: PUBLIC_BASE_URL): Open311's discovery and media_url start with it. */
  publicBaseUrl?: string
  /** The 企业微信 webhook server (default: WECOM_WEBHOOK_BASE, else https://qyapi.weixin.qq.com); tests point it at a local one. */
  wecomWebhookBase?: string
  /** Subscribe messages (default: none, 站内消息 only); tests plug in `WeChatPush` on the real SDK (cloud/emulator/openapi.ts). */
  push?: Push
  /** WeChat code2Session sign-in (default: WECHAT_APPID, WECHAT_APPSECRET, WECHAT_API_BASE). */
  wechatLogin?: { appId: string; secret: string; apiBase: string } | null
}

/** PUBLIC_BASE_URL: an http(s) origin (a path is kept, a trailing slash dropped); anything else stops the start. */
export function publicBaseUrlOf(value: string | undefined): string | undefined {
  if (!value) return undefined
  const url = /^https?:\/\/[^/\s?#]+(\/[^\s?#]*)?$/.test(value) ? value.replace(/\/+$/, '') : null
  if (!url) throw new Error(`PUBLIC_BASE_URL 应为 http(s) 地址（收到 ${value}）`)
  return url
}

export const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
const listOf = (value: string | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean)

/** The composition root of local mode: SQLite store, word-list check, tokens, files, server. */
/** The data directory, readable by the server's user only (0700), whoever made it. */
function ensureDataDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  fs.chmodSync(dir, 0o700)
}

export async function createLocalCloud(opts: LocalCloudOptions) {
  ensureDataDir(opts.dataDir)
  const kind = opts.store ?? storeKindOf()
  const { store, emulator } = await openStore(kind, opts.dataDir, opts.emulator)
  const clock = opts.clock ?? (() => new Date())
  const config = { ...defaultConfig, ...opts.config, partnerMedia: opts.config?.partnerMedia ?? partnerMediaOf(process.env.OPEN311_MEDIA_HOSTS) }
  const files = new FileStore(opts.dataDir, clock, config.uploadBytesPerDay)
  const mediaCheck = new LocalMediaCheck(() => deps, files, config.localMediaCheckDelayMs)
  const deps: Deps = {
    store,
    config,
    clock,
    contentCheck: new WordListContentCheck(),
    push: opts.push ?? { send: async () => 'sent' as const }, // no subscribe messages locally: 站内消息 only (tests plug WeChat's in)
    photos: files,
    mediaCheck,
    webhook: new WeComWebhook(opts.wecomWebhookBase ?? process.env.WECOM_WEBHOOK_BASE ?? 'https://qyapi.weixin.qq.com'),
    mediaFetch: new HttpMediaFetch(),
    log: (message, detail) => console.error(`[civic] ${message}`, detail ?? '')
  }
  const demo = opts.demo ?? process.env.CIVIC_DEMO === '1'
  // the seed tries again what the database failed (EMULATOR_FAULTS: issue 22, item 7)
  const seedStore = retrying(store)
  const seeded = opts.seed === false ? false : demo ? await seedDemo(seedStore, clock(), deps.config) : await seedDistrict(seedStore)
  if (seeded && demo && opts.demoActivity) await seedDemoActivity({ ...deps, store: seedStore }, undefined, { savePhoto: (bytes, owner) => files.save(bytes, 'image/jpeg', owner) })
  for (const openid of opts.admins ?? listOf(process.env.CIVIC_ADMINS)) {
    await store.users.insertIfAbsent(newResident(openid))
    await store.users.update(openid, { role: 'admin' })
  }
  const wechat = opts.wechatLogin !== undefined ? opts.wechatLogin : process.env.WECHAT_APPID && process.env.WECHAT_APPSECRET
    ? { appId: process.env.WECHAT_APPID, secret: process.env.WECHAT_APPSECRET, apiBase: process.env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com' }
    : null
  const app = await buildServer({
    deps,
    handlers,
    tokens: createTokenSigner(loadSecret(opts.dataDir), clock, opts.tokenTtl, { memoSize: opts.tokenMemoSize ?? (Number(process.env.TOKEN_MEMO_SIZE) || DEFAULT_TOKEN_MEMO_SIZE) }),
    files,
    h5Dir: opts.h5Dir,
    ...(opts.adminDir ? { adminDir: opts.adminDir } : {}),
    logger: opts.logger,
    storeKind: kind,
    demoLogin: demo,
    wechatLogin: wechat,
    allowedHosts: opts.allowedHosts ?? listOf(process.env.ALLOWED_HOSTS),
    requestTimeoutMs: opts.requestTimeoutMs,
    loginsPerMinute: opts.loginsPerMinute ?? (Number(process.env.LOGINS_PER_MINUTE) || 30),
    open311ReadsPerMinute: opts.open311ReadsPerMinute ?? (Number(process.env.OPEN311_READS_PER_MINUTE) || undefined),
    publicBaseUrl: publicBaseUrlOf(opts.publicBaseUrl ?? process.env.PUBLIC_BASE_URL)
  })
  // Deadlines of the reporting journey (工作提示/工作预警, auto-closing), the outbox of pushes,
  // drives that ended with volunteers still checked in, image checks, unused photos and the
  // console's sign-in requests older than a day: once a minute.
  const sweep = async () => {
    try {
      await sweepDeadlines(deps)
      await settleEnded(deps)
      await remindDrives(deps)
      await sweepModeration(deps)
      await files.sweepUnused()
      await sweepConsoleLogins(deps)
      await sweepPointCodes(deps)
      await expirePoints(deps)
    } catch (error) {
      deps.log('deadline sweep failed', error)
    }
  }
  const timer = opts.sweepEveryMs === 0 ? null : setInterval(() => void sweep(), opts.sweepEveryMs ?? 60_000)
  timer?.unref()
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer)
    mediaCheck.close()
    await store.close()
  })
  return { app, deps, store, seeded, storeKind: kind, emulator, demo, files }
}
