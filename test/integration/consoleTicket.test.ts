import crypto from 'node:crypto'
import { importSPKI, jwtVerify } from 'jose'
import { startCloud, type TestCloud } from '../helpers/cloud'
import { cloudbaseTickets, TICKET_SESSION_MS, type TcbApp } from '../../cloud/adapters/cloudbaseTicket'
import { claimConsoleTicket, requestConsoleLogin } from '../../cloud/core/user/consoleLogin'

/**
 * The production session of the console (docs/console.md, "Production"): once a staff member
 * confirmed the request, the poll answers a CloudBase custom-login ticket made by the real
 * `@cloudbase/node-sdk` (`auth().createTicket`) with an environment's private key. The SDK signs
 * locally, so the ticket is checked here against the public key: its shape
 * (`<private_key_id>/@@/<RS256 JWT>`), environment, uid (the user's opaque userId, not the openid) and lifetimes. Whether
 * CloudBase accepts it (`signInWithTicket`) needs a real environment and is not tested.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tcb = require('@cloudbase/node-sdk') as { init(config: object): TcbApp }

let cloud: TestCloud
const now = new Date('2026-11-24T02:00:00Z')
const ENV = 'civic-test-4g7k2'
const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } })
const app = tcb.init({ env: ENV, credentials: { private_key_id: 'key-id-1', private_key: privateKey, env_id: ENV } })

beforeAll(async () => {
  cloud = await startCloud({ clock: () => now })
})
afterAll(() => cloud.close())

it('a confirmed request answers a custom-login ticket for the confirming user, once', async () => {
  const tickets = cloudbaseTickets(app, () => now)
  const r = await requestConsoleLogin(cloud.deps)
  expect(await claimConsoleTicket(cloud.deps, tickets, r.id, r.code)).toMatchObject({ status: 'pending' })
  const staff = await cloud.login('demo-staff')
  await cloud.ok(staff, 'user', 'confirmConsoleLogin', { id: r.id, code: r.code })

  const answer = await claimConsoleTicket(cloud.deps, tickets, r.id, r.code)
  if (answer.status !== 'confirmed') throw new Error('not confirmed')
  expect(answer.user).toMatchObject({ openid: 'demo-staff', role: 'staff' })
  const [keyId, jwt, ...rest] = answer.ticket.split('/@@/')
  expect(keyId).toBe('key-id-1')
  expect(rest).toEqual([])
  const { payload, protectedHeader } = await jwtVerify(jwt!, await importSPKI(publicKey, 'RS256'), { algorithms: ['RS256'], currentDate: new Date() })
  expect(protectedHeader.alg).toBe('RS256')
  expect(answer.user.userId).toMatch(/^[a-z0-9]{18,20}$/)
  expect(payload).toMatchObject({ uid: answer.user.userId, env: ENV, refresh: 3600_000, expire: now.getTime() + TICKET_SESSION_MS })
  // a ticket signed by another key does not verify against this environment's
  const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } })
  await expect(jwtVerify(jwt!, await importSPKI(other.publicKey, 'RS256'))).rejects.toThrow()

  // the request is used up
  await expect(claimConsoleTicket(cloud.deps, tickets, r.id, r.code)).rejects.toMatchObject({ code: 'CONFLICT' })
})

it('the SDK refuses a key of another environment', async () => {
  const foreign = tcb.init({ env: ENV, credentials: { private_key_id: 'key-id-2', private_key: privateKey, env_id: 'another-env' } })
  await expect(cloudbaseTickets(foreign).make('demo-staff')).rejects.toThrow()
})
