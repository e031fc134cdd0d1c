import { districtTime } from '../../src/services/time'

it('shows the district wall clock of a cloud time whatever the zone of the device running it', () => {
  expect(districtTime('2026-11-27T09:00:00.000+08:00', 'YYYY-MM-DD HH:mm')).toBe('2026-11-27 09:00')
  expect(districtTime('2026-11-27T01:00:00Z', 'MM-DD HH:mm')).toBe('11-27 09:00')
  expect(districtTime('2026-11-26T23:30:00+08:00', 'HH:mm')).toBe('23:30')
  expect(districtTime('2026-11-26T16:30:00Z', 'YYYY-MM-DD')).toBe('2026-11-27')
  expect(districtTime('not a time', 'HH:mm')).toBe('')
})
