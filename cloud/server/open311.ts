import type { FastifyInstance } from 'fastify'
import type { Deps } from '../core/context'
import { perMinuteLimiter } from '../core/limits'
import { handleOpen311, toXml } from '../core/open311/http'
import { READS_PER_MINUTE } from '../core/open311/rules'

/** A local upload id (`<32 hex>.jpg`): served at /files/<id>. */
const LOCAL_FILE = /^[0-9a-f]{32}\.(jpg|png|webp)$/

/** The address this server listens on (a wildcard address answers as loopback: set PUBLIC_BASE_URL to serve others). */
export function listeningOrigin(scope: FastifyInstance): string {
  const a = scope.server.address()
  if (!a || typeof a === 'string') return 'http://127.0.0.1'
  const host = a.address === '0.0.0.0' || a.address === '::' ? '127.0.0.1' : a.family === 'IPv6' ? `[${a.address}]` : a.address
  return `http://${host}:${a.port}`
}

/**
 * `/open311/v2/*` on the local server: Open311 GeoReport v2 through `cloud/core/open311/http.ts`.
 * Bodies are read as text whatever their type (the mapping parses form-encoded or JSON); photos
 * are published as this server's /files URLs (with their case, for their cross-origin header). The
 * addresses answered (discovery, media_url) start with `publicBaseUrl` (PUBLIC_BASE_URL), else
 * with the address the server listens on — never with a request's Host header. Reads are limited
 * per client address (`readsPerMinute`, OPEN311_READS_PER_MINUTE, default READS_PER_MINUTE): beyond
 * it the specification's error list with 429 and `Retry-After`.
 */
export function open311Routes(deps: Deps, opts: { publicBaseUrl?: string; readsPerMinute?: number } = {}) {
  // reads per client address a minute (the connection's address: a proxy in front must be trusted explicitly)
  const mayRead = perMinuteLimiter(opts.readsPerMinute ?? READS_PER_MINUTE)
  return async (scope: FastifyInstance) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body))
    scope.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
      const status = error.statusCode && error.statusCode < 500 ? 400 : 500
      if (status === 500) deps.log('internal error in open311', error)
      return reply.code(status).header('content-type', 'text/xml; charset=utf-8').send(toXml('errors', [{ code: status, description: status === 400 ? 'the request could not be read' : 'internal error' }]))
    })
    scope.route({
      method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
      url: '/*',
      handler: async (request, reply) => {
        const origin = opts.publicBaseUrl ?? listeningOrigin(scope)
        const out = await handleOpen311(deps, {
          method: request.method,
          path: request.url,
          query: request.query as Record<string, string | string[] | undefined>,
          body: typeof request.body === 'string' ? request.body : null,
          contentType: request.headers['content-type'],
          address: request.ip
        }, {
          baseUrl: `${origin}/open311/v2/`,
          mayRead,
          mediaUrl: (fileId, caseId) => (LOCAL_FILE.test(fileId) ? `${origin}/files/${fileId}?case=${encodeURIComponent(caseId)}` : null)
        })
        return reply.code(out.status).headers(out.headers).send(out.body)
      }
    })
  }
}
