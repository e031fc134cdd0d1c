import { activityStatus, certificateNumber, codeWindowOpen, creditedMinutes, meetingPoint } from '../../cloud/core/volunteer/rules'

const a = { startAt: new Date('2026-11-25T09:00:00+08:00'), endAt: new Date('2026-11-25T11:00:00+08:00') }
const t = (hm: string) => new Date(`2026-11-25T${hm}:00+08:00`)

describe('volunteer rules', () => {
  it('status follows time and counts', () => {
    const base = { ...a, cancelled: false, signupDeadline: t('08:00'), capacity: 2, confirmedCount: 1 }
    expect(activityStatus(base, t('07:00'))).toBe('open')
    expect(activityStatus({ ...base, confirmedCount: 2 }, t('07:00'))).toBe('full')
    expect(activityStatus(base, t('08:00'))).toBe('closed')
    expect(activityStatus(base, t('11:00'))).toBe('finished')
    expect(activityStatus({ ...base, cancelled: true }, t('07:00'))).toBe('cancelled')
  })

  it('the code works from 30 minutes before the start to the end', () => {
    expect(codeWindowOpen(a, t('08:29'))).toBe(false)
    expect(codeWindowOpen(a, t('08:30'))).toBe(true)
    expect(codeWindowOpen(a, t('10:59'))).toBe(true)
    expect(codeWindowOpen(a, t('11:00'))).toBe(false)
  })

  it('minutes are the checked-in time, never past the end, capped to the duration', () => {
    expect(creditedMinutes(a, t('09:15'), t('10:00'))).toBe(45)
    expect(creditedMinutes(a, t('08:30'), t('10:59'))).toBe(120)
    expect(creditedMinutes(a, t('10:00'), null)).toBe(60)
    expect(creditedMinutes(a, t('10:00'), t('12:00'))).toBe(60)
  })

  it('a certificate number is stable per volunteer and year', () => {
    expect(certificateNumber('abc', 2026)).toBe(certificateNumber('abc', 2026))
    expect(certificateNumber('abc', 2026)).not.toBe(certificateNumber('abd', 2026))
    expect(certificateNumber('abc', 2026)).toMatch(/^ZYFW-2026-[0-9A-F]{8}$/)
  })
})

describe('meetingPoint', () => {
  it('is the middle of the cases, to 6 decimals; none without cases', () => {
    expect(meetingPoint([])).toBeNull()
    expect(meetingPoint([{ latitude: 35.7, longitude: 115 }])).toEqual({ latitude: 35.7, longitude: 115 })
    expect(meetingPoint([{ latitude: 35.7001, longitude: 115.0001 }, { latitude: 35.7004, longitude: 115.0006 }, { latitude: 35.7001, longitude: 115.0002 }])).toEqual({ latitude: 35.7002, longitude: 115.0003 })
  })
})
