import path from 'node:path'
import { defaultConfig, type Config } from '../core/config'
import type { Deps } from '../core/context'
import { handlers } from '../core/handlers'
import { createSqliteStore } from '../store/sqlite'
import { seedDemo } from '../seed/demo'
import { seedDemoActivity } from '../seed/activity'
import { WordListContentCheck } from '../adapters/wordList'
import { buildServer } from './app'
import { createTokenSigner, loadSecret } from './tokens'
import { FileStore } from './uploads'
import { sweepDeadlines } from '../core/report/cases'
import { settleEnded } from '../core/volunteer/cases'
import type { Store } from '../core/ports'
import type { EmulatedDatabase } from '../emulator/database'

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
async function openStore(kind: StoreKind, dataDir: string): Promise<{ store: Store; emulator: EmulatedDatabase | null }> {
  if (kind === 'sqlite') return { store: createSqliteStore(path.join(dataDir, 'civic.db')), emulator: null }
  const { emulatedCloudBase } = await import('../emulator/install')
  const { createCloudBaseStore } = await import('../store/cloudbase')
  const { emulator, sdk } = emulatedCloudBase()
  return { store: createCloudBaseStore(sdk.database({ throwOnNotFound: false }) as never), emulator }
}

export interface LocalCloudOptions {
  dataDir: string
  h5Dir?: string
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
}

/** The composition root of local mode: SQLite store, word-list check, tokens, files, server. */
export async function createLocalCloud(opts: LocalCloudOptions) {
  const kind = opts.store ?? storeKindOf()
  const { store, emulator } = await openStore(kind, opts.dataDir)
  const clock = opts.clock ?? (() => new Date())
  const deps: Deps = {
    store,
    config: { ...defaultConfig, ...opts.config },
    clock,
    contentCheck: new WordListContentCheck(),
    push: { send: async () => undefined }, // no subscribe messages locally: 站内消息 only
    log: (message, detail) => console.error(`[civic] ${message}`, detail ?? '')
  }
  const seeded = opts.seed === false ? false : await seedDemo(store, clock(), deps.config)
  if (seeded && opts.demoActivity) await seedDemoActivity(deps)
  const app = await buildServer({
    deps,
    handlers,
    tokens: createTokenSigner(loadSecret(opts.dataDir), clock),
    files: new FileStore(opts.dataDir),
    h5Dir: opts.h5Dir,
    logger: opts.logger,
    storeKind: kind
  })
  // Deadlines of the reporting journey (工作提示/工作预警, auto-closing), the outbox of pushes and
  // drives that ended with volunteers still checked in: once a minute.
  const sweep = async () => {
    try {
      await sweepDeadlines(deps)
      await settleEnded(deps)
    } catch (error) {
      deps.log('deadline sweep failed', error)
    }
  }
  const timer = opts.sweepEveryMs === 0 ? null : setInterval(() => void sweep(), opts.sweepEveryMs ?? 60_000)
  timer?.unref()
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer)
    await store.close()
  })
  return { app, deps, store, seeded, storeKind: kind, emulator }
}
