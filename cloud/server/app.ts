import crypto from 'node:crypto'
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify'
import multipart from '@fastify/multipart'
import helmet from 'helmet'
import fastifyStatic from '@fastify/static'
import type { Envelope } from '../../types/common'
import type { Deps } from '../core/context'
import { AppError, HTTP_STATUS, invalid, rateLimited, unauthenticated } from '../core/errors'
import { dispatch, identify, type HandlerTable } from '../core/table'
import { contentTypeOf, FileStore, MAX_UPLOAD_BYTES } from './uploads'
import type { TokenSigner } from './tokens'
import { listeningOrigin, open311Routes } from './open311'
import { perMinuteLimiter } from '../core/limits'
import { villageAtom } from '../core/report/public'
import { isPublicPhoto } from '../core/open311/cases'
import { claimConsoleLogin, requestConsoleLogin } from '../core/user/consoleLogin'
import { checkNewRequest, checkPoll } from '../core/user/consoleHttp'

export interface ServerOptions {
  deps: Deps
  handlers: HandlerTable
  tokens: TokenSigner
  files: FileStore
  /** The H5 build to serve as static files, if it exists. */
  h5Dir?: string
  /** The district console's build (admin/ → dist/admin), served at /admin/ if it exists; default: `admin` beside `h5Dir`. */
  adminDir?: string
  logger?: boolean
  /** Named by /healthz. */
  storeKind?: string
  /** A request must arrive whole within this time (slowloris); default 30 s. */
  requestTimeoutMs?: number
  /** Demo mode: `POST /api/login` signs anyone in as any openid. Off, the route does not exist. */
  demoLogin?: boolean
  /** Sign-in with a mini-program login code through WeChat's code2Session (self-hosted deployments). */
  wechatLogin?: { appId: string; secret: string; apiBase: string } | null
  /** Host names answered besides the loopback ones (DNS rebinding reaches a server bound to 127.0.0.1). */
  allowedHosts?: string[]
  /** Sign-in attempts allowed per client address a minute. */
  loginsPerMinute?: number
  /** Open311 reads (GET, HEAD) allowed per client address a minute (cloud/core/open311/rules.ts READS_PER_MINUTE). */
  open311ReadsPerMinute?: number
  /** The server's public address (PUBLIC_BASE_URL, e.g. `https://civic.example.gov.cn`): Open311 answers its addresses under it. */
  publicBaseUrl?: string
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]'])


/**
 * The Content-Security-Policy of the H5 app and the API: scripts from this origin plus the hashes
 * of the H5 page's inline scripts (Taro's root font-size snippet), styles inline too (React and
 * Taro set style attributes), images also as data:/blob: (canvas posters), no framing.
 */
function contentSecurityPolicy(h5Dir: string | undefined) {
  const index = h5Dir ? path.join(h5Dir, 'index.html') : null
  const html = index && fs.existsSync(index) ? fs.readFileSync(index, 'utf8') : ''
  const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${crypto.createHash('sha256').update(m[1]!).digest('base64')}'`)
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", ...hashes],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", 'blob:'], // Taro H5 reads a picked photo (a blob: URL) to upload it
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"]
    }
  }
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
    onConstructorPoisoning: 'error',
    // A connection that sends its request slowly, or nothing, is closed (slowloris): Node checks
    // the request and header deadlines every `connectionsCheckingInterval`, 30 s unless told.
    serverFactory: (handler) => {
      const timeout = opts.requestTimeoutMs ?? 30_000
      return http.createServer({ requestTimeout: timeout, headersTimeout: timeout, connectionsCheckingInterval: Math.min(1000, timeout), keepAliveTimeout: 5000 }, handler)
    },
    connectionTimeout: 60_000
  })
  // helmet's middleware is built once here: @fastify/helmet built it anew on every request (parsing
  // the CSP each time), a measurable share of a create (issue 23). It sets the headers on the raw
  // response before any route runs, as that plugin did.
  const securityHeaders = helmet({
    contentSecurityPolicy: contentSecurityPolicy(opts.h5Dir),
    crossOriginEmbedderPolicy: false, // photos are plain images of this origin; nothing to isolate
    referrerPolicy: { policy: 'no-referrer' },
    hsts: false // the local server speaks plain HTTP on loopback; a TLS proxy in front sets HSTS
  })
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)))
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

  const openidOf = async (header: string | undefined): Promise<string | null> =>
    header?.startsWith('Bearer ') ? tokens.verify(header.slice(7)) : null

  app.get('/healthz', async () => ({ ok: true, store: opts.storeKind ?? 'sqlite' }))

  // Answer only to this server's own names: a page on another site that re-points its own domain
  // at 127.0.0.1 (DNS rebinding) sends its own Host header.
  const hosts = new Set([...LOOPBACK_HOSTS, ...(opts.allowedHosts ?? []).map((h) => h.toLowerCase())])
  app.addHook('onRequest', async (request, reply) => {
    const host = (request.hostname ?? '').toLowerCase().replace(/:\d+$/, '')
    if (!hosts.has(host)) return fail(reply, new AppError('FORBIDDEN', '不允许通过此地址访问'))
  })

  const mayTryLogin = perMinuteLimiter(opts.loginsPerMinute ?? 30)
  const signedIn = async (reply: FastifyReply, openid: string) => {
    const user = await identify(deps, openid)
    return send(reply, { ok: true, data: { ...(await tokens.issue(user.openid)), user } })
  }

  // A refresh token for a new pair: access tokens live two hours, refresh tokens thirty days.
  app.post('/api/refresh', async (request, reply) => {
    if (!mayTryLogin(request.ip)) return fail(reply, rateLimited('登录太频繁，请稍后再试'))
    const body = request.body as { refreshToken?: unknown } | null
    if (!body || typeof body !== 'object' || Array.isArray(body) || Object.keys(body).some((k) => k !== 'refreshToken') || typeof body.refreshToken !== 'string') {
      return fail(reply, invalid('请求格式不正确', 'refreshToken'))
    }
    const openid = await tokens.verifyRefresh(body.refreshToken)
    if (!openid) return fail(reply, unauthenticated('登录已过期，请重新登录'))
    return signedIn(reply, openid)
  })

  // 扫码登录管理后台 (docs/console.md): the console asks for a one-time request (shown as a QR code),
  // a staff member confirms it in the app (`user.confirmConsoleLogin`), and the console's poll
  // (every 2 s, with the request's code in the body, never in the URL) takes that person's token
  // pair once. Open whether or not demo login is: without demo mode it is the console's way in.
  app.post('/api/console/requests', async (request, reply) => {
    if (!mayTryLogin(request.ip)) return fail(reply, rateLimited('登录太频繁，请稍后再试'))
    try {
      checkNewRequest(request.body)
    } catch (error) {
      return fail(reply, error as AppError)
    }
    // `demoLogin`: whether the sign-in screen may also offer the demo identities
    return send(reply, { ok: true, data: { ...(await requestConsoleLogin(deps)), demoLogin: opts.demoLogin === true } })
  })
  app.post<{ Params: { id: string } }>('/api/console/requests/:id', async (request, reply) => {
    try {
      const { id, code } = checkPoll(request.params.id, request.body)
      const poll = await claimConsoleLogin(deps, id, code)
      if (poll.status === 'pending') return send(reply, { ok: true, data: poll })
      return send(reply, { ok: true, data: { status: 'confirmed' as const, ...(await tokens.issue(poll.user.openid)), user: poll.user } })
    } catch (error) {
      if (error instanceof AppError) return fail(reply, error)
      throw error
    }
  })

  if (opts.demoLogin) {
    // Demo mode only: any openid, the demo identities included (docs/security.md).
    app.post('/api/login', async (request, reply) => {
      if (!mayTryLogin(request.ip)) return fail(reply, rateLimited('登录太频繁，请稍后再试'))
      const body = request.body as { openid?: unknown } | null
      if (!body || typeof body !== 'object' || Array.isArray(body) || Object.keys(body).some((k) => k !== 'openid')) {
        return fail(reply, invalid('请求格式不正确'))
      }
      if (typeof body.openid !== 'string' || !OPENID.test(body.openid)) {
        return fail(reply, invalid('openid 只能由 1–64 个字母、数字、下划线或短横线组成', 'openid'))
      }
      return signedIn(reply, body.openid)
    })
  }

  if (!opts.demoLogin) {
    app.post('/api/login', async (_request, reply) => fail(reply, new AppError('NOT_FOUND', '此服务器未开启演示登录')))
  }

  const wechat = opts.wechatLogin
  if (wechat) {
    // A mini-program's wx.login code, exchanged with WeChat for the user's openid (code2Session).
    app.post('/api/login/wechat', async (request, reply) => {
      if (!mayTryLogin(request.ip)) return fail(reply, rateLimited('登录太频繁，请稍后再试'))
      const body = request.body as { code?: unknown } | null
      if (!body || typeof body !== 'object' || Array.isArray(body) || Object.keys(body).some((k) => k !== 'code') || typeof body.code !== 'string' || !/^[\w-]{1,128}$/.test(body.code)) {
        return fail(reply, invalid('缺少微信登录凭证', 'code'))
      }
      const url = `${wechat.apiBase}/sns/jscode2session?${new URLSearchParams({ appid: wechat.appId, secret: wechat.secret, js_code: body.code, grant_type: 'authorization_code' })}`
      let answer: { openid?: unknown; errcode?: number }
      try {
        answer = (await (await fetch(url, { signal: AbortSignal.timeout(5000) })).json()) as typeof answer
      } catch (error) {
        deps.log('code2Session failed', error)
        return send(reply, { ok: false, error: { code: 'INTERNAL', message: '微信登录暂时不可用，请稍后再试' } })
      }
      if (typeof answer.openid !== 'string' || !OPENID.test(answer.openid)) return fail(reply, unauthenticated('微信登录失败，请重试'))
      return signedIn(reply, answer.openid)
    })
  }

  app.post('/api/upload', async (request, reply) => {
    const owner = await openidOf(request.headers.authorization)
    if (!owner) return fail(reply, unauthenticated())
    if (!request.isMultipart()) return fail(reply, invalid('请使用 multipart/form-data 上传文件', 'file'))
    const part = await request.file()
    if (!part || part.fieldname !== 'file') return fail(reply, invalid('缺少文件', 'file'))
    const bytes = await part.toBuffer()
    try {
      return send(reply, { ok: true, data: { fileId: await files.save(bytes, part.mimetype, owner) } })
    } catch (error) {
      if (error instanceof AppError) return fail(reply, error)
      throw error
    }
  })

  app.get<{ Params: { id: string }; Querystring: { case?: unknown } }>('/files/:id', async (request, reply) => {
    const file = files.pathOf(request.params.id)
    if (!file) return fail(reply, new AppError('NOT_FOUND', '文件不存在'))
    // a public photo of a case, as Open311's media_url names it, may be shown by other sites' pages
    const caseId = request.query.case
    if (typeof caseId === 'string' && /^[\w-]{1,64}$/.test(caseId) && (await isPublicPhoto(deps, caseId, request.params.id))) {
      reply.header('cross-origin-resource-policy', 'cross-origin')
    }
    return reply
      .header('content-type', contentTypeOf(request.params.id))
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(fs.createReadStream(file))
  })

  // a village's public cases as an Atom feed (issue 25): for local news sites and 公众号 editors, public form only
  app.get<{ Params: { file: string } }>('/feeds/villages/:file', async (request, reply) => {
    const m = /^([\w-]{1,64})\.atom$/.exec(request.params.file)
    const body = m ? await villageAtom(deps, m[1]!, opts.publicBaseUrl ?? listeningOrigin(app)) : null
    if (!body) return fail(reply, new AppError('NOT_FOUND', '村居不存在'))
    return reply.header('content-type', 'application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(body)
  })

  // Open311 GeoReport v2 (docs/open311.md): bodies as raw text in its own scope (form-encoded, as
  // the specification posts), answered as XML or JSON by the same mapping the cloud function uses
  await app.register(open311Routes(deps, { publicBaseUrl: opts.publicBaseUrl, readsPerMinute: opts.open311ReadsPerMinute }), { prefix: '/open311/v2' })

  app.post<{ Params: { fn: string } }>('/api/:fn', async (request, reply) => {
    const body = request.body
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const extra = Object.keys(body).find((k) => k !== 'action' && k !== 'data')
      if (extra) return fail(reply, invalid(`不支持的字段：${extra.slice(0, 40)}`, extra.slice(0, 40)))
    }
    const openid = await openidOf(request.headers.authorization)
    return send(reply, await dispatch(handlers, deps, request.params.fn, body, openid))
  })

  if (opts.h5Dir && fs.existsSync(path.join(opts.h5Dir, 'index.html'))) {
    await app.register(fastifyStatic, { root: path.resolve(opts.h5Dir), index: 'index.html' })
  }
  // The district console (管理后台, docs/console.md): its build at /admin/, the same origin as /api and
  // under the same CSP (its page loads only files of this origin, no inline script).
  const adminDir = opts.adminDir ?? (opts.h5Dir ? path.join(path.dirname(path.resolve(opts.h5Dir)), 'admin') : undefined)
  if (adminDir && fs.existsSync(path.join(adminDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: path.resolve(adminDir), prefix: '/admin/', index: 'index.html', decorateReply: false })
    app.get('/admin', async (_request, reply) => reply.redirect('/admin/'))
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/login/')) return fail(reply, new AppError('NOT_FOUND', '此服务器未开启该登录方式'))
    if (request.url.startsWith('/api/')) return fail(reply, invalid('未知的云函数'))
    return fail(reply, new AppError('NOT_FOUND', '页面不存在'))
  })
  return app
}
