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
}

/** The composition root of local mode: SQLite store, word-list check, tokens, files, server. */
export async function createLocalCloud(opts: LocalCloudOptions) {
  const store = createSqliteStore(path.join(opts.dataDir, 'civic.db'))
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
    logger: opts.logger
  })
  // Deadlines of the reporting journey: 工作提示/工作预警 and auto-closing, once a minute.
  const sweep = async () => {
    try {
      await sweepDeadlines(deps)
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
  return { app, deps, store, seeded }
}
