/**
 * What `npm run deploy` makes an environment hold: the collections of
 * cloud/store/cloudbase/schema.ts (permission, indexes), the cloud functions built by
 * `npm run build:cloud` with their runtime, memory and timeout, the `sla` timer, the HTTP access
 * paths and the console on static hosting.
 */
import { SCHEMA, type CollectionDecl } from '../../cloud/store/cloudbase/schema'

/**
 * CloudBase's runtime for the functions: Node.js 20.19. Its Node 18 runtime is 18.15, below the
 * 18.17 that sharp 0.34 (the photos) needs.
 */
export const RUNTIME = 'Nodejs20.19'

export interface FunctionDecl {
  name: string
  /** MB */
  memory: number
  /** seconds */
  timeout: number
  /** A timer trigger (cron of 7 fields, as SCF takes it). */
  timer?: { name: string; cron: string }
  /** An HTTP access path (HTTP 访问服务) answered by the function. */
  httpPath?: string
}

export const FUNCTIONS: readonly FunctionDecl[] = [
  { name: 'user', memory: 256, timeout: 20 },
  // sharp resizes photos in report and mediaCheck: more memory
  { name: 'report', memory: 512, timeout: 20 },
  { name: 'volunteer', memory: 256, timeout: 20 },
  { name: 'ranking', memory: 256, timeout: 20 },
  // the 积分 ledger and the 积分超市 (issue 28)
  { name: 'points', memory: 256, timeout: 20 },
  { name: 'open311', memory: 256, timeout: 20, httpPath: '/open311' },
  { name: 'consoleLogin', memory: 256, timeout: 20, httpPath: '/console-login' },
  { name: 'mediaCheck', memory: 512, timeout: 30 },
  // the deadline sweep, the outbox, settling drives and reminders, every 10 minutes (as build:cloud's config.json)
  { name: 'sla', memory: 256, timeout: 60, timer: { name: 'every10minutes', cron: '0 */10 * * * * *' } }
]

/** Where the console is published on static hosting (https://<env>.tcloudbaseapp.com/admin/). */
export const HOSTING_PATH = 'admin'

/** The function's environment variable holding the sha256 of its deployed bundle (what tells a changed bundle). */
export const CODE_HASH_VARIABLE = 'CIVIC_CODE_SHA256'

export interface Declaration {
  collections: readonly CollectionDecl[]
  functions: readonly FunctionDecl[]
  /** The directory holding `<name>/index.js …` (npm run build:cloud: cloudfunctions/). */
  functionsRoot: string
  /** The console's production build (null: not published). */
  consoleDir: string | null
  hostingPath: string
}

export function declaration(opts: { functionsRoot: string; consoleDir: string | null }): Declaration {
  return { collections: SCHEMA, functions: FUNCTIONS, hostingPath: HOSTING_PATH, ...opts }
}
