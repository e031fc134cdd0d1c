import type { WebhookClient } from '../core/context'

/**
 * 企业微信 群机器人 webhooks: `POST <base>/cgi-bin/webhook/send?key=<key>` with a JSON body; WeCom
 * answers `{ errcode, errmsg }` (0 and `ok` when posted). `base` is https://qyapi.weixin.qq.com
 * (WECOM_WEBHOOK_BASE; tests point it at a local server). A request that gets no answer within
 * 10 s, or an HTTP error, throws: the post stays in the outbox.
 */
export class WeComWebhook implements WebhookClient {
  constructor(private readonly base: string = 'https://qyapi.weixin.qq.com', private readonly timeoutMs = 10_000) {}

  async post(key: string, body: unknown): Promise<{ errcode: number; errmsg: string }> {
    const res = await fetch(`${this.base.replace(/\/+$/, '')}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs)
    })
    if (!res.ok) throw new Error(`WeCom webhook answered HTTP ${res.status}`)
    const answer = (await res.json()) as { errcode?: unknown; errmsg?: unknown }
    return { errcode: Number(answer.errcode ?? -1), errmsg: String(answer.errmsg ?? '') }
  }
}
