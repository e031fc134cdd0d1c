import { isoLocal } from '../core/time'
import type { ContentCheck, Photos, Push } from '../core/context'
import type { StoredMessage } from '../core/ports'

/** The parts of wx-server-sdk's `cloud.openapi` used here. */
export interface OpenApi {
  security: { msgSecCheck(o: { openid: string; scene: number; version: number; content: string }): Promise<{ result?: { suggest?: string } }> }
  subscribeMessage: { send(o: { touser: string; templateId: string; page?: string; data: Record<string, { value: string }>; miniprogramState?: string }): Promise<unknown> }
}

/**
 * `security.msgSecCheck` (version 2): rejects what WeChat judges `risky`; `review` passes and is
 * left to staff. If the check itself fails (quota, network) the text passes and the failure is
 * logged: a broken moderation service must not stop residents from reporting.
 */
export class WeChatContentCheck implements ContentCheck {
  constructor(private readonly openapi: OpenApi, private readonly log: (m: string, d?: unknown) => void) {}

  async isAcceptable(text: string, openid: string): Promise<boolean> {
    try {
      const answer = await this.openapi.security.msgSecCheck({ openid, scene: 2, version: 2, content: text })
      return answer.result?.suggest !== 'risky'
    } catch (error) {
      this.log('msgSecCheck failed; text accepted', error)
      return true
    }
  }
}

/**
 * Photos in WeChat are cloud storage files the mini-program uploaded itself: the app puts each
 * under `uploads/<openid>/`, so a case may only show files from its caller's own folder (an id is
 * `cloud://<env>.<bucket>/uploads/<openid>/<name>`). Cloud files are not tracked further here.
 */
export class WeChatPhotos implements Photos {
  async ownedBy(fileIds: string[], openid: string): Promise<boolean> {
    return fileIds.every((id) => {
      const m = /^cloud:\/\/[\w.-]+\/uploads\/([\w-]{1,64})\/[\w.-]{1,100}$/.exec(id)
      return m !== null && m[1] === openid
    })
  }

  async markUsed(): Promise<void> {}
}

/**
 * Subscribe messages (订阅消息): one template per message kind, configured by environment variable
 * `SUBSCRIBE_TEMPLATES` as JSON `{ "<kind prefix>": "<template id>" }`, e.g.
 * `{ "report": "tmpl-abc", "volunteer": "tmpl-def" }`. The template must have the fields
 * thing1 (title), thing2 (body) and time3 (time). Kinds without a template are not pushed.
 */
export class WeChatPush implements Push {
  constructor(private readonly openapi: OpenApi, private readonly templates: Record<string, string>, private readonly config: { utcOffsetMinutes: number } = { utcOffsetMinutes: 480 }) {}

  async send(message: StoredMessage): Promise<void> {
    const templateId = this.templates[message.kind] ?? this.templates[message.kind.split('.')[0] ?? '']
    if (!templateId) return
    const clip = (s: string) => (s.length > 20 ? `${s.slice(0, 19)}…` : s)
    await this.openapi.subscribeMessage.send({
      touser: message.openid,
      templateId,
      page: message.link ?? undefined,
      data: { thing1: { value: clip(message.title) }, thing2: { value: clip(message.body) }, time3: { value: isoLocal(message.createdAt, this.config).slice(0, 16).replace('T', ' ') } }, // the district's time, as people read it
      miniprogramState: 'formal'
    })
  }
}
