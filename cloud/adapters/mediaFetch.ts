import type { MediaFetch } from '../core/context'

/**
 * Fetches an Open311 partner's photo (`media_url`, issue 27) over HTTP(S) with the runtime's fetch:
 * one GET, redirects refused (a partner host on the allowlist could otherwise send us anywhere), an
 * image content type, a declared length over the limit refused before reading, the body read up to
 * the limit and no further, the whole within the time limit. Every failure is an Error saying why
 * in Chinese (staff read it on the case).
 */
export class HttpMediaFetch implements MediaFetch {
  async get(url: string, limits: { maxBytes: number; timeoutMs: number }): Promise<Buffer> {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), limits.timeoutMs)
    try {
      let res: Response
      try {
        res = await fetch(url, { redirect: 'manual', signal: controller.signal, headers: { accept: 'image/jpeg, image/png, image/webp' } })
      } catch {
        throw new Error(controller.signal.aborted ? `取回超时（${limits.timeoutMs / 1000} 秒）` : '无法连接对方服务器')
      }
      if (res.status >= 300 && res.status < 400) throw new Error('对方服务器要求跳转，未跟随')
      if (!res.ok) throw new Error(`对方服务器答复 ${res.status}`)
      const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
      if (!['image/jpeg', 'image/png', 'image/webp'].includes(type)) throw new Error(`不是图片（${type || '未标明类型'}）`)
      const limit = limits.maxBytes >= 1024 * 1024 ? `${Math.round(limits.maxBytes / 1024 / 1024)} MB` : `${Math.round(limits.maxBytes / 1024)} KB`
      const tooBig = () => new Error(`图片超过 ${limit}`)
      if (Number(res.headers.get('content-length') ?? 0) > limits.maxBytes) throw tooBig()
      const chunks: Buffer[] = []
      let size = 0
      const reader = res.body?.getReader()
      if (!reader) throw new Error('对方服务器没有返回内容')
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          size += value.byteLength
          if (size > limits.maxBytes) {
            await reader.cancel().catch(() => undefined)
            throw tooBig()
          }
          chunks.push(Buffer.from(value))
        }
      } catch (error) {
        if (controller.signal.aborted) throw new Error(`取回超时（${limits.timeoutMs / 1000} 秒）`)
        throw error
      }
      return Buffer.concat(chunks)
    } finally {
      clearTimeout(timer)
    }
  }
}
