import { EmulatedDatabase, type EmulatorOptions } from './database'
import type { UnindexedQuery } from './indexes'
import { indexesByCollection, SCHEMA } from '../store/cloudbase/schema'
import { DB_TIMEOUT_MS } from '../store/cloudbase/db'

/**
 * Plugs an emulated database server into the real wx-server-sdk. Every database call of the SDK
 * goes through `@cloudbase/database`'s `Db.reqClass` (`new Db.reqClass(config).send(api, data)`);
 * `@cloudbase/node-sdk` assigns its HTTP requester there each time `database()` is called, so the
 * property is replaced by one whose setter is ignored and whose getter answers the emulator's
 * requester. Everything above the seam is the SDK's own code. One emulator answers at a time
 * (the SDK is a process-wide singleton); `installEmulator` switches to another.
 */
let current: EmulatedDatabase | null = null
/** Every emulator `emulatedCloudBase` started in this process (module registry): their unindexed queries. */
const started: EmulatedDatabase[] = []
let hooked = false

class EmulatedRequester {
  constructor(readonly config: unknown) {}
  send(api: string, data?: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (!current) return Promise.reject(new Error('no CloudBase emulator installed'))
    return current.send(api, data, this.config as { timeout?: number } | null)
  }
}

function hook(): void {
  if (hooked) return
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Db } = require('@cloudbase/database') as { Db: { reqClass: unknown } }
  Object.defineProperty(Db, 'reqClass', { configurable: true, get: () => EmulatedRequester, set: () => undefined })
  hooked = true
}

export function installEmulator(emulator: EmulatedDatabase): EmulatedDatabase {
  hook()
  current = emulator
  return emulator
}

/** The parts of wx-server-sdk this module starts. */
interface Sdk {
  init(options: { env: unknown; timeout?: number }): void
  database(options?: { throwOnNotFound?: boolean }): unknown
}

/** The queries no declared index served, in every emulator started here (the journeys assert none). */
export function unindexedQueries(): UnindexedQuery[] {
  return started.flatMap((e) => e.unindexed())
}

/**
 * A fresh emulated environment with exactly the declared collections and indexes created
 * (cloud/store/cloudbase/schema.ts, as `npm run deploy` creates them), and the real SDK's
 * `database()` talking to it. Options from the environment: EMULATOR_FAULTS (fraction of
 * failing calls), EMULATOR_LATENCY_MS,
 * EMULATOR_TIMEOUT_MS (how long a lost call takes to fail, instead of the SDK's timeout: shorter in tests).
 */
export function emulatedCloudBase(opts: EmulatorOptions = {}) {
  const emulator = installEmulator(
    new EmulatedDatabase({
      collections: SCHEMA.map((c) => c.name),
      indexes: indexesByCollection(),
      faults: Number(process.env.EMULATOR_FAULTS ?? 0) || 0,
      latencyMs: Number(process.env.EMULATOR_LATENCY_MS ?? 0) || 0,
      ...(Number(process.env.EMULATOR_TIMEOUT_MS) > 0 ? { timeoutMs: Number(process.env.EMULATOR_TIMEOUT_MS) } : {}),
      ...opts
    })
  )
  started.push(emulator)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk') as Sdk
  sdk.init({ env: 'local-emulator', timeout: DB_TIMEOUT_MS })
  return { emulator, sdk }
}
