import { activityStatus, asSettled, CERTIFICATE_NUMBER, maskName, newCertificateNumber, CODE_PERIOD_MS, codeMatches, codeWindowOpen, creditedMinutes, currentCode, meetingPoint, newCheckinSecret } from '../../cloud/core/volunteer/rules'

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

  it('a volunteer still checked in when the drive ended reads as credited until the end; anyone else as stored', () => {
    const s = { activityId: 'd', openid: 'o', status: 'checkedIn' as const, seq: 0, signedUpAt: t('07:00'), checkInAt: t('09:30'), checkOutAt: null, minutes: 0 }
    expect(asSettled(a, s, t('10:59'))).toBe(s) // not yet ended
    expect(asSettled(a, s, t('11:00'))).toEqual({ ...s, status: 'completed', minutes: 90 })
    expect(asSettled(a, { ...s, checkInAt: t('08:40') }, t('12:00')).minutes).toBe(120) // capped to the duration
    const done = { ...s, status: 'completed' as const, checkOutAt: t('10:00'), minutes: 30 }
    expect(asSettled(a, done, t('12:00'))).toBe(done)
    const waiting = { ...s, status: 'waitlisted' as const, checkInAt: null }
    expect(asSettled(a, waiting, t('12:00'))).toBe(waiting)
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

  it('certificate numbers are random, of a fixed form, and names are masked for verifiers', () => {
    const numbers = new Set(Array.from({ length: 1000 }, () => newCertificateNumber(2026)))
    expect(numbers.size).toBe(1000)
    for (const n of numbers) expect(n).toMatch(CERTIFICATE_NUMBER)
    expect(CERTIFICATE_NUMBER.test('ZYFW-2026-0000000000')).toBe(false) // 0 is never used
    expect([maskName('张三'), maskName('欧阳明月'), maskName('王')]).toEqual(['张*', '欧**月', '*'])
  })
})

describe('meetingPoint', () => {
  it('is the middle of the cases, to 6 decimals; none without cases', () => {
    expect(meetingPoint([])).toBeNull()
    expect(meetingPoint([{ latitude: 35.7, longitude: 115 }])).toEqual({ latitude: 35.7, longitude: 115 })
    expect(meetingPoint([{ latitude: 35.7001, longitude: 115.0001 }, { latitude: 35.7004, longitude: 115.0006 }, { latitude: 35.7001, longitude: 115.0002 }])).toEqual({ latitude: 35.7002, longitude: 115.0003 })
  })
})

describe('rotating check-in codes', () => {
  it('are HOTP (RFC 4226) of the minute: the RFC\'s own test values', () => {
    const secret = '12345678901234567890'
    expect([0, 1, 2, 3, 9].map((minute) => currentCode(secret, new Date(minute * CODE_PERIOD_MS)).code)).toEqual(['755224', '287082', '359152', '969429', '520489'])
    expect(currentCode(secret, new Date(90_000)).expiresAt).toEqual(new Date(120_000))
  })

  it('accept this minute\'s and the last minute\'s code only', () => {
    const secret = newCheckinSecret()
    const at = new Date('2026-11-25T09:00:30+08:00')
    const code = currentCode(secret, at).code
    expect(codeMatches(secret, code, at)).toBe(true)
    expect(codeMatches(secret, code, new Date(at.getTime() + CODE_PERIOD_MS))).toBe(true)
    expect(codeMatches(secret, code, new Date(at.getTime() + 2 * CODE_PERIOD_MS))).toBe(false)
    expect(codeMatches(secret, '12345', at)).toBe(codeMatches(secret, '12345 ', at))
  })

  it('secrets are 160 random bits, different for every drive', () => {
    const secrets = new Set(Array.from({ length: 100 }, () => newCheckinSecret()))
    expect(secrets.size).toBe(100)
    for (const s of secrets) expect(s).toMatch(/^[0-9a-f]{40}$/)
  })
})
