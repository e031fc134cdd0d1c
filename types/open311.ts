import { z } from 'zod'
import { action, id } from './common'

/**
 * Open311 GeoReport v2 (issue 15, docs/open311.md): the keys of partner systems (12345 热线,
 * 数字城管 …). The GeoReport endpoints themselves are HTTP (`/open311/v2/…` locally; the
 * HTTP-triggered cloud function `open311` in production), not actions of this contract.
 */
export interface Open311Key {
  id: string
  /** The partner system's name, shown as the source of its cases (来源). */
  partner: string
  createdAt: string
  /** Who made it (a name, never an openid). */
  createdBy: string
  revokedAt: string | null
  lastUsedAt: string | null
  /** Whether the partner's status changes (`status=FIXED`/`CLOSED` on POST servicerequestupdates) resolve its cases (issue 27); off by default. */
  statusChanges: boolean
}

export const partnerName = z
  .string('接入方名称必须是文字')
  .trim()
  .min(2, '接入方名称至少 2 个字')
  .max(40, '接入方名称最多 40 个字')
  .regex(/^[^\u0000-\u001f<>&"']+$/, '接入方名称不能含控制字符或 < > & 引号')

export const open311Contract = {
  /** Admins: a new API key for a partner system. The key is answered once and stored only as a hash; the partner files its cases as a reporter of its own. Logged. */
  createKey: action<Open311Key & { apiKey: string }>()(z.strictObject({ partner: partnerName })),
  /** Admins: every key, newest first (never the key itself). */
  keys: action<{ items: Open311Key[] }>()(z.strictObject({})),
  /** Admins: revokes a key at once (its requests answer 403 from then on); its cases stay. Logged. */
  revokeKey: action<Open311Key>()(z.strictObject({ id: id() })),
  /** Admins: allows (or stops) a key's status changes — a partner's `FIXED`/`CLOSED` resolving a case, with its words as the reply (docs/open311.md). Logged. */
  setStatusChanges: action<Open311Key>()(z.strictObject({ id: id(), allowed: z.boolean('请选择是否允许') }))
}
