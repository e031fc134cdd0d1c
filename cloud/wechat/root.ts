import type { Envelope } from '../../types/common'
import type { FunctionName } from '../../types/contract'
import { defaultConfig, partnerMediaOf } from '../core/config'
import type { Deps } from '../core/context'
import { handlers } from '../core/handlers'
import { dispatch, type Caller } from '../core/table'
import { createCloudBaseStore, type Database } from '../store/cloudbase'
import { DB_TIMEOUT_MS } from '../store/cloudbase/db'
import { parseTemplates, traceOf, WeChatContentCheck, WeChatMediaCheck, WeChatPhotos, WeChatPush, type CloudStorage, type MediaCheckEvent, type OpenApi } from '../adapters/wechat'
import { photoChecked } from '../core/report/moderation'
import { WeComWebhook } from '../adapters/wecom'
import { HttpMediaFetch } from '../adapters/mediaFetch'

/** The parts of wx-server-sdk the entries use. */
export interface WxServerSdk extends CloudStorage {
  init(options: { env: unknown; timeout?: number }): void
  DYNAMIC_CURRENT_ENV: unknown
  database(options: { throwOnNotFound: boolean }): Database
  getWXContext(): { OPENID?: string }
  openapi: OpenApi
}

/** DIGEST_HOUR: the district hour (0–23) of the units' daily digest; anything else: none. */
const digestHourOf = (value: string | undefined) => (value && /^\d{1,2}$/.test(value) && Number(value) < 24 ? Number(value) : null)

/** WEEKLY_SUMMARY: `<weekday 1–7>@<hour 0–23>` (district time) of the villages' weekly summaries; anything else: none. */
export const weeklySummaryOf = (value: string | undefined) => {
  const m = value ? /^([1-7])@(\d{1,2})$/.exec(value.trim()) : null
  return m && Number(m[2]) < 24 ? { weekday: Number(m[1]), hour: Number(m[2]) } : null
}

/** The composition root of WeChat mode, built once per cold start of a function instance. */
export function createDeps(sdk: WxServerSdk): Deps {
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV, timeout: DB_TIMEOUT_MS })
  const log = (message: string, detail?: unknown) => console.error(`[civic] ${message}`, detail ?? '')
  // throwOnNotFound: false — a missing document reads as null, so every failure stays an error
  const db = sdk.database({ throwOnNotFound: false })
  const clock = () => new Date()
  const config = { ...defaultConfig, partnerMedia: partnerMediaOf(process.env.OPEN311_MEDIA_HOSTS), noticeTemplates: parseTemplates(process.env.SUBSCRIBE_TEMPLATES, log), consoleUrl: process.env.CONSOLE_URL || null, digestHour: digestHourOf(process.env.DIGEST_HOUR), weeklySummary: weeklySummaryOf(process.env.WEEKLY_SUMMARY) }
  return {
    store: createCloudBaseStore(db),
    config,
    clock,
    contentCheck: new WeChatContentCheck(sdk.openapi, log),
    push: new WeChatPush(sdk.openapi, config),
    photos: new WeChatPhotos(sdk, db, clock, defaultConfig.uploadBytesPerDay),
    mediaCheck: new WeChatMediaCheck(sdk.openapi, sdk, db, clock),
    webhook: new WeComWebhook(process.env.WECOM_WEBHOOK_BASE || 'https://qyapi.weixin.qq.com'),
    mediaFetch: new HttpMediaFetch(),
    log
  }
}

/** What the entries use of `@cloudbase/node-sdk`: its reading of an invocation's CloudBase context. */
export interface NodeSdk {
  getCloudbaseContext(context?: unknown): Record<string, string | undefined>
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const requireNodeSdk = () => require('@cloudbase/node-sdk') as NodeSdk

/**
 * The caller of an invocation: the mini-program's user by the WeChat OPENID; else a console
 * session of CloudBase custom login (the web SDK, docs/console.md "Production"), whose uid is the
 * user's opaque `userId` — read from the invocation's CloudBase context (`TCB_CUSTOM_USER_ID`,
 * named by `TCB_CONTEXT_KEYS`, in the process environment or the context's `environment`) by
 * `@cloudbase/node-sdk` itself, loaded only for such a call. Anonymous web users are nobody.
 */
export function callerOf(sdk: Pick<WxServerSdk, 'getWXContext'>, context?: unknown, loadNodeSdk: () => NodeSdk = requireNodeSdk): Caller | null {
  const { OPENID } = sdk.getWXContext()
  if (OPENID) return OPENID
  const tcb = loadNodeSdk().getCloudbaseContext(typeof context === 'object' && context !== null ? context : undefined)
  const custom = tcb.TCB_CUSTOM_USER_ID
  return custom && tcb.TCB_ISANONYMOUS_USER !== 'true' ? { consoleUserId: custom } : null
}

/**
 * `exports.main` of the cloud function `name`: the caller (`callerOf`), the event
 * `{ action, data }` through the one handler table; answers the envelope.
 */
export function createMain(name: FunctionName, loadSdk: () => WxServerSdk, loadNodeSdk: () => NodeSdk = requireNodeSdk) {
  let deps: Deps | null = null
  let sdk: WxServerSdk | null = null
  return async (event: unknown, context?: unknown): Promise<Envelope<unknown>> => {
    sdk ??= loadSdk()
    deps ??= createDeps(sdk)
    return dispatch(handlers, deps, name, event, callerOf(sdk, context, loadNodeSdk))
  }
}

/**
 * `exports.main` of the cloud function `mediaCheck`, the receiver of 云开发消息推送's
 * `wxa_media_check` events: the verdict of one photo's image check goes to its case. An event
 * for a trace id that is not ours is ignored; any other failure throws (the push is retried).
 */
export function createMediaCheckMain(loadSdk: () => WxServerSdk) {
  let deps: Deps | null = null
  let db: Database | null = null
  return async (event: MediaCheckEvent): Promise<string> => {
    const sdk = loadSdk()
    deps ??= createDeps(sdk)
    db ??= sdk.database({ throwOnNotFound: false })
    if (event?.Event !== 'wxa_media_check' || typeof event.trace_id !== 'string') return 'ignored'
    const trace = await traceOf(db, event.trace_id)
    if (!trace) return 'unknown trace'
    const suggest = event.result?.suggest
    await photoChecked(deps, trace.reportId, trace.photo, suggest === 'risky' ? 'risky' : suggest === 'review' ? 'review' : 'pass')
    return 'success'
  }
}
