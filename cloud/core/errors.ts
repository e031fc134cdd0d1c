import type { ApiError, ErrorCode } from '../../types/common'

/** An expected failure with a stable code and a Chinese message fit to show a user. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string
  ) {
    super(message)
    this.name = 'AppError'
  }

  toJSON(): ApiError {
    return this.field ? { code: this.code, message: this.message, field: this.field } : { code: this.code, message: this.message }
  }
}

export const invalid = (message: string, field?: string) => new AppError('INVALID_INPUT', message, field)
export const unauthenticated = (message = '请先登录') => new AppError('UNAUTHENTICATED', message)
export const forbidden = (message = '没有权限进行此操作') => new AppError('FORBIDDEN', message)
export const notFound = (message = '内容不存在') => new AppError('NOT_FOUND', message)
export const conflict = (message: string) => new AppError('CONFLICT', message)
export const contentRejected = (message = '内容含有不当信息，请修改后再提交', field?: string) =>
  new AppError('CONTENT_REJECTED', message, field)
export const rateLimited = (message = '操作太频繁，请稍后再试') => new AppError('RATE_LIMITED', message)

/** HTTP status of each code in local mode (API.md). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CONTENT_REJECTED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500
}
