import { startCloud, type TestCloud } from '../helpers/cloud'
import { httpCaller, tokenRenewer, type TokenPairStore } from '../../src/services/http'

/** Issue 12: tokens from jose, only in their canonical form, short-lived with refresh. */
let cloud: TestCloud
let now = new Date('2026-06-01T08:00:00Z')

beforeAll(async () => {
  cloud = await startCloud({ clock: () => now, tokenTtl: { access: 2 * 3600, refresh: 30 * 86400 } })
})
afterAll(() => cloud.close())

const signIn = async (openid: string) => (await cloud.post<{ token: string; refreshToken: string; expiresIn: number }>('/api/login', { openid })).body as { ok: true; data: { token: string; refreshToken: string; expiresIn: number } }

it('only the token as issued verifies: no padding, no +/ alphabet, no spare-bit variant of the signature', async () => {
  const { data } = await signIn('token-owner')
  expect(data.expiresIn).toBe(7200)
  expect((await cloud.call(data.token, 'user', 'me')).status).toBe(200)
  const [head, body, sig] = data.token.split('.') as [string, string, string]
  const last = sig.at(-1)!
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  const spare = alphabet[(alphabet.indexOf(last) & ~3) | ((alphabet.indexOf(last) + 1) & 3)]! // the same bytes, other unused bits
  const variants = [`${data.token}=`, `${head}.${body}.${sig}==`, data.token.replace(/-/g, '+').replace(/_/g, '/'), `${head}.${body}.${sig.slice(0, -1)}${spare}`, ` ${data.token}`, `${data.token}.`]
  for (const v of variants.filter((x) => x !== data.token)) expect([v.slice(-8), (await cloud.call(v, 'user', 'me')).status]).toEqual([v.slice(-8), 401])
})

it('a refresh token is not an access token, and an access token does not refresh', async () => {
  const { data } = await signIn('token-refresher')
  expect((await cloud.call(data.refreshToken, 'user', 'me')).status).toBe(401)
  expect(await cloud.post('/api/refresh', { refreshToken: data.token })).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } })
  const renewed = await cloud.post<{ token: string; user: { openid: string } }>('/api/refresh', { refreshToken: data.refreshToken })
  expect(renewed.body).toMatchObject({ ok: true, data: { user: { openid: 'token-refresher' } } })
  expect(await cloud.post('/api/refresh', { refreshToken: data.refreshToken, openid: 'demo-admin' })).toMatchObject({ status: 400 })
})

it('an access token lives two hours; the app renews it with its refresh token and goes on, until the refresh token expires', async () => {
  const { data } = await signIn('token-app-user')
  const stored: Record<string, string | null> = { token: data.token, refresh: data.refreshToken }
  const tokens: TokenPairStore = {
    get: () => stored.token!, getRefresh: () => stored.refresh!, set: (t, r) => { stored.token = t; if (r) stored.refresh = r }, clear: () => { stored.token = null; stored.refresh = null }
  }
  const client = { call: httpCaller(cloud.url, tokens.get, tokenRenewer(cloud.url, tokens)) }
  expect(await client.call('user', 'me', {})).toMatchObject({ openid: 'token-app-user' })
  now = new Date(now.getTime() + 3 * 3600_000) // the access token expired
  expect((await cloud.call(data.token, 'user', 'me')).status).toBe(401)
  const answers = await Promise.all([client.call('user', 'me', {}), client.call('user', 'unreadCount', {})])
  expect(answers[0]).toMatchObject({ openid: 'token-app-user' })
  expect(stored.token).not.toBe(data.token)
  now = new Date(now.getTime() + 31 * 86400_000) // and now the refresh token too
  await expect(client.call('user', 'me', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
})
