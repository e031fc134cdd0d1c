import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface WeComPost { key: string; content: string; at: number }

/**
 * A local 企业微信 群机器人 server, checking each post as WeCom documents it: `POST
 * /cgi-bin/webhook/send?key=KEY`, a JSON body `{ "msgtype": "markdown", "markdown": { "content" } }`
 * with content of at most 4096 bytes, an answer `{ errcode: 0, errmsg: 'ok' }`; a key it does not
 * know 93000 (invalid webhook url), more than 20 a minute per key 45009. `failNext` answers that
 * many posts with HTTP 502 (nothing posted).
 */
export async function startWeCom(keys: string[], clock: () => number = Date.now) {
  const posts: WeComPost[] = []
  const rejected: { reason: string; body: string }[] = []
  const state = { failNext: 0 }
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      const answer = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(json))
      }
      const url = new URL(req.url ?? '/', 'http://localhost')
      if (req.method !== 'POST' || url.pathname !== '/cgi-bin/webhook/send') return answer(404, { errcode: 404, errmsg: 'not found' })
      if (state.failNext > 0) {
        state.failNext--
        return answer(502, { errcode: -1, errmsg: 'system busy' })
      }
      const key = url.searchParams.get('key') ?? ''
      if (!keys.includes(key)) return answer(200, { errcode: 93000, errmsg: 'invalid webhook url' })
      let json: { msgtype?: unknown; markdown?: { content?: unknown } }
      try {
        json = JSON.parse(body)
      } catch {
        rejected.push({ reason: 'not JSON', body })
        return answer(200, { errcode: 40016, errmsg: 'invalid button size' })
      }
      const content = json.markdown?.content
      if (json.msgtype !== 'markdown' || typeof content !== 'string' || !content || Buffer.byteLength(content) > 4096 || Object.keys(json).length !== 2) {
        rejected.push({ reason: 'not a markdown message of at most 4096 bytes', body })
        return answer(200, { errcode: 40058, errmsg: 'markdown.content exceed max length 4096' })
      }
      const now = clock()
      if (posts.filter((p) => p.key === key && p.at > now - 60_000).length >= 20) return answer(200, { errcode: 45009, errmsg: 'api freq out of limit' })
      posts.push({ key, content, at: now })
      answer(200, { errcode: 0, errmsg: 'ok' })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { base: `http://127.0.0.1:${port}`, posts, rejected, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}
