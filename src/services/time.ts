/** The district's offset from UTC (China Standard Time); the cloud answers times with it (+08:00). */
export const DISTRICT_UTC_OFFSET_MINUTES = 8 * 60

type Format = 'YYYY-MM-DD HH:mm' | 'MM-DD HH:mm' | 'HH:mm' | 'YYYY-MM-DD'

/**
 * A moment the cloud answered, shown as the district's wall clock whatever zone the device is set
 * to (a volunteer abroad, a test browser in UTC): "09:00" means 09:00 in the district.
 */
export function districtTime(iso: string, format: Format): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  const wall = new Date(ms + DISTRICT_UTC_OFFSET_MINUTES * 60_000).toISOString() // YYYY-MM-DDTHH:mm…
  const date = wall.slice(0, 10)
  const time = wall.slice(11, 16)
  if (format === 'HH:mm') return time
  if (format === 'YYYY-MM-DD') return date
  return `${format === 'MM-DD HH:mm' ? date.slice(5) : date} ${time}`
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/** `YYYY-MM-DD` (a district date) in words: "11月26日 周四". */
export function dateLabel(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return date
  const weekday = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay()
  return `${Number(m[2])}月${Number(m[3])}日 ${WEEKDAYS[weekday]}`
}
