import { AppError, invalid } from '../errors'

/**
 * The two HTTP requests of 扫码登录管理后台 (a new request, and the console's poll), checked the
 * same way by the local server (`POST /api/console/requests[/:id]`) and by the CloudBase HTTP
 * function `consoleLogin` (docs/console.md, "Production"). The code travels in the body, never in
 * the URL (URLs end up in logs).
 */

/** A new request takes an empty body (or none). */
export function checkNewRequest(body: unknown): void {
  if (body != null && (typeof body !== 'object' || Array.isArray(body) || Object.keys(body).length > 0)) throw invalid('请求格式不正确')
}

/** A poll: the request's id from the path, `{ code }` as the body. */
export function checkPoll(id: string, body: unknown): { id: string; code: string } {
  if (!/^[a-z0-9]{8,32}$/.test(id)) throw new AppError('NOT_FOUND', '登录请求不存在，请刷新二维码')
  const code = (body as { code?: unknown } | null)?.code
  if (!body || typeof body !== 'object' || Array.isArray(body) || Object.keys(body).some((k) => k !== 'code') || typeof code !== 'string' || !/^[A-Za-z0-9_-]{22,64}$/.test(code)) {
    throw invalid('缺少登录码', 'code')
  }
  return { id, code }
}
