import { Tag } from '@nutui/nutui-react-taro'
import { STATUS_NAMES, type ReportStatus } from '../../../types/names'

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

/** The status chip of a case (colours with AA contrast on white text). */
export function StatusTag({ status, overdue }: { status: ReportStatus; overdue?: boolean }) {
  return (
    <>
      <Tag background={COLORS[status]} color='#fff'>{STATUS_NAMES[status]}</Tag>
      {overdue && <Tag background='#a31218' color='#fff'>超期</Tag>}
    </>
  )
}
