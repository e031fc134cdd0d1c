import { requestIn } from '../../src/sub-user/console-login/link'

/** 扫码登录管理后台: the request inside what the scanner read, the link opened, or WeChat's `q`. */
const code = 'AbCdEfGhIjKlMnOpQrStUv'

it('finds id and code in the console QR link, encoded or not', () => {
  const link = `http://127.0.0.1:8787/#/sub-user/console-login/index?id=abc123def456&code=${code}`
  expect(requestIn(link)).toEqual({ id: 'abc123def456', code })
  expect(requestIn(encodeURIComponent(link))).toEqual({ id: 'abc123def456', code })
  expect(requestIn(`?id=abc123def456&code=${code}`)).toEqual({ id: 'abc123def456', code })
})

it('answers null for anything else', () => {
  expect(requestIn('ZYFW-2026-7K3M9Q2XPA')).toBeNull()
  expect(requestIn(`?id=abc123def456&code=short`)).toBeNull()
  expect(requestIn(`?id=ABC&code=${code}`)).toBeNull()
  expect(requestIn('%E0%A4%A')).toBeNull()
})
