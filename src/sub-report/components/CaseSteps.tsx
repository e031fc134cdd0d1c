import { View, Text } from '@tarojs/components'
import { districtTime } from '../../services/time'
import type { Report } from '../../../types/report'

interface Step {
  name: string
  /** Who does it: the unit, or the reporter. */
  who: string
  at: string | null
  state: 'done' | 'current' | 'todo' | 'stopped'
  note?: string
}

const last = (r: Report, actions: string[]) => [...r.timeline].reverse().find((e) => actions.includes(e.action))?.at ?? null

/** The steps of a case as a 工单 (提交→受理→办结→评价, with 核查 before 评价 where the category asks for it; 文明点赞: 提交→审核), the current one marked. */
export function caseSteps(r: Report, unit: string): Step[] {
  const submitted: Step = { name: '提交', who: r.anonymous ? '匿名上报' : '上报人', at: r.createdAt, state: 'done' }
  if (r.kind === 'praise') {
    const reviewed = r.status === 'accepted' || r.status === 'rejected'
    return [submitted, { name: '审核', who: unit, at: reviewed ? last(r, ['approve', 'decline']) : null, state: !reviewed ? 'current' : r.status === 'accepted' ? 'done' : 'stopped', note: reviewed ? (r.status === 'accepted' ? '已通过，上点赞墙' : '未通过') : '待审核' }]
  }
  // 核查 (issue 21): a category that asks for it has the 网格员 check the fix between 办结 and 评价
  const verified = r.status === 'verifying' || r.timeline.some((e) => e.action === 'verifyPass' || e.action === 'verifyFail')
  const order = verified ? ['submitted', 'accepted', 'verifying', 'resolved', 'closed'] : ['submitted', 'accepted', 'resolved', 'closed']
  // reopened: back to 办结; rejected: stopped at 受理; returned (退回): waits for 受理 by the unit the 文明办 transfers it to
  const reached = r.status === 'reopened' ? 1 : r.status === 'rejected' || r.status === 'returned' ? 0 : order.indexOf(r.status)
  const state = (i: number): Step['state'] => (r.status === 'rejected' && i === 1 ? 'stopped' : i <= reached ? 'done' : i === reached + 1 ? 'current' : 'todo')
  const rework = r.status === 'accepted' && [...r.timeline].reverse().find((e) => e.action === 'verifyPass' || e.action === 'verifyFail' || e.action === 'resolve')?.action === 'verifyFail'
  const accepted: Step = {
    name: '受理', who: unit, at: r.status === 'rejected' ? last(r, ['reject']) : reached >= 1 ? last(r, ['accept']) : null, state: state(1),
    note: r.status === 'rejected' ? '已驳回' : r.status === 'returned' ? '已退回，待转办' : undefined
  }
  const resolved: Step = {
    name: '办结', who: unit, at: reached >= 2 ? r.resolvedAt ?? last(r, ['resolve']) : null, state: state(2),
    note: r.status === 'reopened' ? '重新办理' : rework ? '核查未通过，返工' : undefined
  }
  const rated = (i: number): Step => ({ name: '评价', who: '上报人', at: reached >= i ? last(r, ['rate', 'closed']) : null, state: state(i) })
  if (!verified) return [submitted, accepted, resolved, rated(3)]
  return [
    submitted,
    accepted,
    resolved,
    { name: '核查', who: '网格员', at: reached >= 3 ? last(r, ['verifyPass']) : null, state: state(3), note: r.status === 'verifying' ? '待核查' : undefined },
    rated(4)
  ]
}

const STATE_WORDS: Record<Step['state'], string> = { done: '已完成', current: '进行中', todo: '未开始', stopped: '已终止' }

/** The step bar of a case. */
export function CaseSteps({ report, unit }: { report: Report; unit: string }) {
  const steps = caseSteps(report, unit)
  return (
    <View className='case-steps' role='list' aria-label='办理步骤'>
      {steps.map((s, i) => (
        <View
          key={s.name}
          className={`case-steps__step case-steps__step--${s.state}`}
          role='listitem'
          aria-current={s.state === 'current' ? 'step' : undefined}
        >
          <View className='case-steps__dot' aria-hidden><Text>{s.state === 'done' ? '✓' : s.state === 'stopped' ? '✕' : i + 1}</Text></View>
          <Text className='case-steps__name'>{s.name}</Text>
          <Text className='case-steps__who'>{s.who}</Text>
          <Text className='case-steps__state'>{s.note ?? STATE_WORDS[s.state]}</Text>
          {s.at && <Text className='case-steps__at'>{districtTime(s.at, 'MM-DD HH:mm').replace(' ', '\n')}</Text>}
        </View>
      ))}
    </View>
  )
}

/** "用时 3 小时 · 按期办结" once resolved; null before. */
export function durationText(r: Report): string | null {
  if (r.kind === 'praise' || !r.resolvedAt) return null
  const ms = Date.parse(r.resolvedAt) - Date.parse(r.createdAt)
  const hours = Math.floor(ms / 3600_000)
  const took = ms < 3600_000 ? `${Math.max(1, Math.floor(ms / 60_000))} 分钟` : hours < 48 ? `${hours} 小时` : `${Math.floor(hours / 24)} 天 ${hours % 24} 小时`
  const onTime = !r.dueAt || Date.parse(r.resolvedAt) <= Date.parse(r.dueAt)
  return `用时 ${took} · ${onTime ? '按期办结' : '超期办结'}`
}

