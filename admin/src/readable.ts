import { ROLE_NAMES, SCORE_NAMES, STAR_NAMES, type Role, type Star } from '../../types/names'

/** Field names of operation-log values in words; unknown keys stay as they are. */
const KEY_NAMES: Record<string, string> = {
  stars: '星级',
  role: '角色',
  unitId: '单位',
  evaluator: '测评员',
  gridVillageIds: '网格村居',
  scores: '分项',
  total: '总分',
  regions: '区域',
  cases: '工单',
  signups: '报名',
  openid: '账号',
  name: '名称',
  ...SCORE_NAMES
}

/**
 * A before/after value of the operation log as one line a person reads: `星级：产业兴旺、支部过硬`,
 * `角色：管理员；单位：unit-wenming`; nothing is `—`. `names` gives unit names for unit ids.
 */
export function readable(value: unknown, names: Record<string, string> = {}, key?: string): string {
  if (value === null || value === undefined) return '—'
  if (Array.isArray(value)) return value.length ? value.map((v) => readable(v, names, key)).join('、') : '（无）'
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
    if (!entries.length) return '（无）'
    return entries.map(([k, v]) => `${KEY_NAMES[k] ?? k}：${readable(v, names, k)}`).join('；')
  }
  const text = String(value)
  if (key === 'stars' && text in STAR_NAMES) return STAR_NAMES[text as Star]
  if (key === 'role' && text in ROLE_NAMES) return ROLE_NAMES[text as Role]
  if (key === 'unitId' || key === 'regions' || key === 'gridVillageIds') return names[text] ?? text
  return text
}

