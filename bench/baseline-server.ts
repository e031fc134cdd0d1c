import http from 'node:http'
import crypto from 'node:crypto'

/**
 * The baseline of the throughput figure: a bare Node HTTP server that parses a JSON body and
 * answers a JSON envelope, with no framework, no validation and no storage.
 */
const port = Number(process.env.PORT ?? 8788)
http
  .createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      let body: unknown
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"ok":false}')
        return
      }
      const answer = JSON.stringify({ ok: true, data: { id: crypto.randomUUID(), received: typeof body } })
      res.writeHead(200, { 'content-type': 'application/json' }).end(answer)
    })
  })
  .listen(port, '127.0.0.1', () => console.log(`baseline on ${port}`))
