import { Tag } from '@nutui/nutui-react-taro'
import { DUE_STATE_NAMES, STATUS_NAMES, type DueState, type ReportStatus } from '../../../types/names'

const COLORS: Record<ReportStatus, string> = {
  submitted: '#0b5cad',
  accepted: '#8a5a00',
  rejected: '#555555',
  resolved: '#1f7a1f',
  reopened: '#a31218',
  closed: '#333333',
  returned: '#6b3fa0',
  verifying: '#0a6b6b'
}

/** The deadline chips' colours (AA contrast on white text): 即将超期 amber-brown, 超期 red, 严重超期 darker red. */
const DUE_COLORS: Record<Exclude<DueState, 'ok'>, string> = { soon: '#8a4b00', overdue: '#a31218', warned: '#6e0b0f' }

/**
 * The status chip of a case and its deadline chip (即将超期 / 超期 / 严重超期), as the server's one
 * deadline rule says (`report.dueState`); `overdue` alone for answers that carry no `dueState`.
 */
export function StatusTag({ status, overdue, due }: { status: ReportStatus; overdue?: boolean; due?: DueState }) {
  const chip = due ?? (overdue ? 'overdue' : 'ok')
  return (
    <>
      <Tag background={COLORS[status]} color='#fff'>{STATUS_NAMES[status]}</Tag>
      {chip !== 'ok' && <Tag className={`due-chip due-chip--${chip}`} background={DUE_COLORS[chip]} color='#fff'>{DUE_STATE_NAMES[chip]}</Tag>}
    </>
  )
}
