import type { FastifyInstance } from 'fastify'
import type { Deps } from '../core/context'
import { handleOpen311, toXml } from '../core/open311/http'

/** A local upload id (`<32 hex>.jpg`): served at /files/<id>. */
const LOCAL_FILE = /^[0-9a-f]{32}\.(jpg|png|webp)$/

/**
 * `/open311/v2/*` on the local server: Open311 GeoReport v2 through `cloud/core/open311/http.ts`.
 * Bodies are read as text whatever their type (the mapping parses form-encoded or JSON); photos
 * are published as this server's /files URLs.
 */
export function open311Routes(deps: Deps) {
  return async (scope: FastifyInstance) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body))
    scope.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
      const status = error.statusCode && error.statusCode < 500 ? 400 : 500
      if (status === 500) deps.log('internal error in open311', error)
      return reply.code(status).header('content-type', 'text/xml; charset=utf-8').send(toXml('errors', [{ code: status, description: status === 400 ? 'the request could not be read' : 'internal error' }]))
    })
    scope.route({
      method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'],
      url: '/*',
      handler: async (request, reply) => {
        const origin = `${request.protocol}://${request.host}`
        const out = await handleOpen311(deps, {
          method: request.method,
          path: request.url,
          query: request.query as Record<string, string | string[] | undefined>,
          body: typeof request.body === 'string' ? request.body : null,
          contentType: request.headers['content-type']
        }, {
          baseUrl: `${origin}/open311/v2/`,
          mediaUrl: (fileId) => (LOCAL_FILE.test(fileId) ? `${origin}/files/${fileId}` : null)
        })
        return reply.code(out.status).headers(out.headers).send(out.body)
      }
    })
  }
}
