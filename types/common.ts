import { z } from 'zod'

/** Error codes of the cloud contract (API.md). */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'CONTENT_REJECTED',
  'RATE_LIMITED',
  'INTERNAL'
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiError {
  code: ErrorCode
  message: string
  field?: string
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError }

export { ROLES, ROLE_NAMES, type Role } from './names'

/** A string id as stored: short, printable, no control characters. */
export const id = () => z.string().trim().min(1, '不能为空').max(64, '过长')

/**
 * A cursor as the stores make them: an offset (`40`), a phase and offset (`u:20`) or a keyset
 * position (`<epoch ms>:<id>`). Anything else (`1e20`, `-1`, `../`) is bad input, never a 500.
 */
export const CURSOR = /^(\d{1,7}|[ue]:\d{1,7}|\d{1,15}:[\w.:-]{1,100})$/

/** Paging input shared by every list action: `{ cursor?, limit? }`, limit ≤ 50, default 20. */
export const pageInput = {
  cursor: z.string().max(200, '过长').regex(CURSOR, '翻页位置不正确').optional(),
  limit: z.number().int('必须是整数').min(1, '至少为 1').max(50, '最多 50').optional()
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
  /** How many items the whole list holds (every page): only where the action says so and it was asked (`withTotal`). */
  total?: number
}

/**
 * The console's tables (issue 24): `order` (newest first, the default, or oldest first) and
 * `withTotal` (answer `total`, one count more) of the lists that take them.
 */
export const tableInput = {
  order: z.enum(['newest', 'oldest'], '排序只能是 newest 或 oldest').optional(),
  withTotal: z.boolean('withTotal 只能是是或否').optional()
}

/**
 * Declares one action of the contract: its input schema and (as a phantom type) its result.
 * The app's client and the cloud handler table both read their types from these declarations.
 */
export function action<R>() {
  return <S extends z.ZodType>(input: S) => ({ input, result: undefined as unknown as R })
}

export interface ActionDef<S extends z.ZodType = z.ZodType, R = unknown> {
  input: S
  result: R
}
