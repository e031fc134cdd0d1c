/**
 * WeChat's subscribe messages behind the real wx-server-sdk (issue 25). `cloud.openapi.*` calls go
 * through `@cloudbase/node-sdk`'s `CloudBase.prototype.callCompatibleWxOpenApi`, which posts the
 * SDK's protobuf (`CommApiData`: the API's parameters as JSON values by name) to CloudBase and
 * answers its protobuf (`CommOpenApiResp`: WeChat's JSON answer). That one method is replaced by
 * `EmulatedWeChat`; everything above it — the SDK's case conversion, encoding, decoding and its
 * errors (`errCode` 43101 …) — is the SDK's own code.
 *
 * `subscribeMessage.send` is answered as WeChat does: a user who agreed to a one-time template may
 * be sent one message per agreement, a long-term template any number; anything else 43101.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const protobuf = require('protobufjs/minimal') as typeof import('protobufjs/minimal')

export interface SentSubscribeMessage {
  touser: string
  template_id: string
  page?: string
  data: Record<string, { value: string }>
  miniprogram_state?: string
}

/** WeChat's `thing` fields hold 20 characters, `time` fields a date and time. */
function checkData(data: SentSubscribeMessage['data']): boolean {
  return Object.entries(data ?? {}).every(([k, v]) => typeof v?.value === 'string' && (!k.startsWith('thing') || [...v.value].length <= 20) && (!k.startsWith('time') || /^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(v.value)))
}

export class EmulatedWeChat {
  /** What WeChat delivered, in order. */
  readonly sent: SentSubscribeMessage[] = []
  /** Calls to fail as a network error would, before WeChat answered (the next n). */
  failNext = 0
  private readonly grants = new Map<string, { kind: 'once' | 'long'; left: number }>()

  /** The user agreed to the template in `wx.requestSubscribeMessage` (a one-time agreement adds one message). */
  grant(openid: string, templateId: string, kind: 'once' | 'long'): void {
    const key = `${openid}:${templateId}`
    const before = this.grants.get(key)
    this.grants.set(key, kind === 'long' ? { kind, left: Infinity } : { kind, left: (before?.kind === 'once' ? before.left : 0) + 1 })
  }

  /** The user turned the template off in WeChat's settings. */
  revoke(openid: string, templateId: string): void {
    this.grants.delete(`${openid}:${templateId}`)
  }

  answer(api: string, params: Record<string, unknown>): Record<string, unknown> {
    if (api !== 'subscribeMessage.send') return { errcode: 48001, errmsg: 'api unauthorized' }
    const m = params as unknown as SentSubscribeMessage
    if (typeof m.touser !== 'string' || !m.touser) return { errcode: 40003, errmsg: 'invalid openid' }
    if (typeof m.template_id !== 'string' || !m.template_id) return { errcode: 40037, errmsg: 'invalid template_id' }
    if (!checkData(m.data)) return { errcode: 47003, errmsg: 'argument invalid! data.thing1.value invalid' }
    const grant = this.grants.get(`${m.touser}:${m.template_id}`)
    if (!grant || grant.left <= 0) return { errcode: 43101, errmsg: 'user refuse to accept the msg' }
    grant.left -= 1
    this.sent.push(m)
    return { errcode: 0, errmsg: 'ok', msgid: this.sent.length }
  }
}

/** Decodes `CommApiData` → its `openapiData` pairs (field 2; pairs field 1: key 1, value 2 as JSON). */
function paramsOf(buffer: Uint8Array): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const r = protobuf.Reader.create(buffer)
  while (r.pos < r.len) {
    const tag = r.uint32()
    if (tag >>> 3 !== 2) {
      r.skipType(tag & 7)
      continue
    }
    const end = r.uint32() + r.pos
    while (r.pos < end) {
      const t = r.uint32()
      if (t >>> 3 !== 1) {
        r.skipType(t & 7)
        continue
      }
      const pairEnd = r.uint32() + r.pos
      let key = ''
      let value: Uint8Array = new Uint8Array()
      while (r.pos < pairEnd) {
        const f = r.uint32()
        if (f >>> 3 === 1) key = r.string()
        else if (f >>> 3 === 2) value = r.bytes()
        else r.skipType(f & 7)
      }
      out[key] = JSON.parse(Buffer.from(value).toString())
    }
  }
  return out
}

/** Encodes WeChat's JSON answer as `CommOpenApiResp` (respData 1, contentType 2, httpCode 4). */
function responseOf(json: unknown): Buffer {
  const w = protobuf.Writer.create()
  w.uint32(10).bytes(Buffer.from(JSON.stringify(json)))
  w.uint32(18).string('application/json')
  w.uint32(32).uint32(200)
  return Buffer.from(w.finish())
}

let current: EmulatedWeChat | null = null
let hooked = false

/** Makes `wechat` answer the real SDK's `cloud.openapi` calls (one at a time, process-wide, as the SDK is). */
export function installWeChat(wechat: EmulatedWeChat = new EmulatedWeChat()): EmulatedWeChat {
  current = wechat
  if (!hooked) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { CloudBase } = require('@cloudbase/node-sdk/dist/cloudbase') as { CloudBase: { prototype: Record<string, unknown> } }
    CloudBase.prototype.callCompatibleWxOpenApi = async function (options: { apiName: string; requestData: Uint8Array }) {
      if (!current) throw new Error('no WeChat emulator installed')
      if (current.failNext > 0) {
        current.failNext--
        throw Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' })
      }
      return responseOf(current.answer(options.apiName, paramsOf(options.requestData)))
    }
    hooked = true
  }
  return wechat
}

/** The real SDK's `cloud.openapi`, answered by a fresh emulated WeChat. */
export function emulatedOpenApi(): { wechat: EmulatedWeChat; openapi: import('../adapters/wechat').OpenApi } {
  const wechat = installWeChat()
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk') as { init(o: { env: unknown }): void; openapi: import('../adapters/wechat').OpenApi }
  sdk.init({ env: 'local-emulator' })
  return { wechat, openapi: sdk.openapi }
}
