import fs from 'node:fs'
import path from 'node:path'
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify'
import multipart from '@fastify/multipart'
import fastifyStatic from '@fastify/static'
import type { Envelope } from '../../types/common'
import type { Deps } from '../core/context'
import { AppError, HTTP_STATUS, invalid, unauthenticated } from '../core/errors'
import { dispatch, identify, type HandlerTable } from '../core/table'
import { contentTypeOf, FileStore, MAX_UPLOAD_BYTES } from './uploads'
import type { TokenSigner } from './tokens'

export interface ServerOptions {
  deps: Deps
  handlers: HandlerTable
  tokens: TokenSigner
  files: FileStore
  /** The H5 build to serve as static files, if it exists. */
  h5Dir?: string
  logger?: boolean
  /** Named by /healthz. */
  storeKind?: string
}

const OPENID = /^[A-Za-z0-9_-]{1,64}$/

function send<T>(reply: FastifyReply, envelope: Envelope<T>): FastifyReply {
  return reply.code(envelope.ok ? 200 : HTTP_STATUS[envelope.error.code]).send(envelope)
}

function fail(reply: FastifyReply, error: AppError): FastifyReply {
  return send(reply, { ok: false, error: error.toJSON() })
}

/** The local cloud: the handler table behind /api, uploads, files and the H5 build. */
export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const { deps, handlers, tokens, files } = opts
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error'
  })
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 0, parts: 1 } })

  // Malformed JSON, wrong content type, oversized bodies: the client's fault, answered as INVALID_INPUT.
  app.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
    if (error.statusCode && error.statusCode < 500) {
      const message = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.code === 'FST_REQ_FILE_TOO_LARGE'
        ? '请求内容过大'
        : '请求格式不正确'
      return fail(reply, invalid(message))
    }
    request.log.error(error)
    deps.log('internal server error', error)
    return send(reply, { ok: false, error: { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' } })
  })

  const openidOf = (header: string | undefined): string | null =>
    header?.startsWith('Bearer ') ? tokens.verify(header.slice(7)) : null

  app.get('/healthz', async () => ({ ok: true, store: opts.storeKind ?? 'sqlite' }))

  app.post('/api/login', async (request, reply) => {
    const body = request.body as { openid?: unknown } | null
    if (!body || typeof body !== 'object' || Array.isArray(body) || Object.keys(body).some((k) => k !== 'openid')) {
      return fail(reply, invalid('请求格式不正确'))
    }
    if (typeof body.openid !== 'string' || !OPENID.test(body.openid)) {
      return fail(reply, invalid('openid 只能由 1–64 个字母、数字、下划线或短横线组成', 'openid'))
    }
    const user = await identify(deps, body.openid)
    return send(reply, { ok: true, data: { token: tokens.sign(user.openid), user } })
  })

  app.post('/api/upload', async (request, reply) => {
    if (!openidOf(request.headers.authorization)) return fail(reply, unauthenticated())
    if (!request.isMultipart()) return fail(reply, invalid('请使用 multipart/form-data 上传文件', 'file'))
    const part = await request.file()
    if (!part || part.fieldname !== 'file') return fail(reply, invalid('缺少文件', 'file'))
    const bytes = await part.toBuffer()
    try {
      return send(reply, { ok: true, data: { fileId: files.save(bytes, part.mimetype) } })
    } catch (error) {
      if (error instanceof AppError) return fail(reply, error)
      throw error
    }
  })

  app.get<{ Params: { id: string } }>('/files/:id', async (request, reply) => {
    const file = files.pathOf(request.params.id)
    if (!file) return fail(reply, new AppError('NOT_FOUND', '文件不存在'))
    return reply
      .header('content-type', contentTypeOf(request.params.id))
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(fs.createReadStream(file))
  })

  app.post<{ Params: { fn: string } }>('/api/:fn', async (request, reply) => {
    const body = request.body
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const extra = Object.keys(body).find((k) => k !== 'action' && k !== 'data')
      if (extra) return fail(reply, invalid(`不支持的字段：${extra.slice(0, 40)}`, extra.slice(0, 40)))
    }
    const openid = openidOf(request.headers.authorization)
    return send(reply, await dispatch(handlers, deps, request.params.fn, body, openid))
  })

  if (opts.h5Dir && fs.existsSync(path.join(opts.h5Dir, 'index.html'))) {
    await app.register(fastifyStatic, { root: path.resolve(opts.h5Dir), index: 'index.html' })
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) return fail(reply, invalid('未知的云函数'))
    return fail(reply, new AppError('NOT_FOUND', '页面不存在'))
  })
  return app
}
