import { isShareable, placeOf, shareMessage, shareStatus, shareUrl } from '../../src/sub-report/share'

/** Sharing a case (sub-report/share): what may be shared, the title and the page it opens. */
const base = {
  id: 'r1a2b3',
  kind: 'problem' as const,
  status: 'resolved' as const,
  moderation: 'passed' as const,
  hidden: null,
  categoryName: '占道经营',
  location: { latitude: 35.7612, longitude: 115.03, address: '幸福村菜市场东门' }
}

it('answers the title «category · place（status）», the case page and its query', () => {
  expect(shareMessage(base, '幸福村')).toEqual({
    title: '占道经营 · 幸福村菜市场东门（已办结）',
    path: '/sub-report/detail/index?id=r1a2b3',
    query: 'id=r1a2b3'
  })
  expect(shareMessage({ ...base, status: 'accepted' }, '幸福村').title).toBe('占道经营 · 幸福村菜市场东门（已受理）')
  expect(shareMessage({ ...base, id: 'a b&c' }, '').path).toBe('/sub-report/detail/index?id=a%20b%26c')
})

it('names the village when the address is not public (an anonymous case), and shortens a long address', () => {
  expect(shareMessage({ ...base, location: { ...base.location, address: null } }, '幸福村').title).toBe('占道经营 · 幸福村（已办结）')
  expect(shareMessage({ ...base, location: { ...base.location, address: '  ' } }, '').title).toBe('占道经营（已办结）')
  const long = placeOf({ location: { ...base.location, address: '濮阳镇幸福村菜市场东门往南二十米路西第三家门口' } }, '幸福村')
  expect(Array.from(long)).toHaveLength(16)
  expect(long.endsWith('…')).toBe(true)
})

it('shares only what the public sees: not pending, not hidden, not a rejected problem; a praise once on the wall', () => {
  expect(isShareable(base)).toBe(true)
  expect(isShareable({ ...base, status: 'submitted' })).toBe(true)
  expect(isShareable({ ...base, status: 'closed' })).toBe(true)
  expect(isShareable({ ...base, moderation: 'pending' })).toBe(false)
  expect(isShareable({ ...base, hidden: { at: '2026-12-01T10:00:00+08:00', reason: '涉及隐私' } })).toBe(false)
  expect(isShareable({ ...base, status: 'rejected' })).toBe(false)
  expect(isShareable({ ...base, kind: 'praise', status: 'accepted' })).toBe(true)
  expect(isShareable({ ...base, kind: 'praise', status: 'submitted' })).toBe(false)
  expect(shareStatus({ kind: 'praise', status: 'accepted' })).toBe('文明点赞')
})

it('the browser address is the app page with the case path after the hash', () => {
  expect(shareUrl('https://civic.example', '/', '/sub-report/detail/index?id=r1')).toBe('https://civic.example/#/sub-report/detail/index?id=r1')
  expect(shareUrl('http://127.0.0.1:3000', '/index.html', '/sub-report/detail/index?id=r1')).toBe('http://127.0.0.1:3000/index.html#/sub-report/detail/index?id=r1')
})
