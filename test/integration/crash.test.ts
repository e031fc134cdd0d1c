import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { freePort, spawnServer } from '../helpers/process'

/**
 * Kills the server with SIGKILL while many clients write, restarts it on the same data directory
 * and checks that every acknowledged write is there.
 */
jest.setTimeout(120000)

it('every acknowledged write survives a SIGKILL of the server', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-crash-'))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const server = await spawnServer(dataDir, port)

  const post = async (route: string, body: unknown, token?: string) => {
    const res = await fetch(`${base}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000)
    })
    return (await res.json()) as { ok: boolean; data?: any }
  }

  // Acknowledged writes: new users created by login, and each user's latest acknowledged nickname.
  const acknowledgedUsers = new Set<string>()
  const acknowledgedNickname = new Map<string, number>()
  let stop = false
  const client = async (n: number) => {
    for (let i = 0; !stop; i++) {
      const openid = `crash-${n}-${i}`
      try {
        const login = await post('/api/login', { openid })
        if (!login.ok) continue
        acknowledgedUsers.add(openid)
        for (let k = 1; k <= 3 && !stop; k++) {
          const answer = await post('/api/user', { action: 'updateProfile', data: { nickname: `第${k}次` } }, login.data.token)
          if (answer.ok) acknowledgedNickname.set(openid, k)
        }
      } catch {
        return // the server is gone
      }
    }
  }
  const clients = Array.from({ length: 16 }, (_, n) => client(n))
  // kill once enough writes were acknowledged (a fixed wait was too short on a busy machine)
  const since = Date.now()
  while (acknowledgedUsers.size < 60 && Date.now() - since < 30_000) await new Promise((r) => setTimeout(r, 50))
  await new Promise((r) => setTimeout(r, 200)) // and in the middle of more
  const exited = server.exitCode !== null ? Promise.resolve() : new Promise((r) => server.once('exit', r))
  server.kill('SIGKILL')
  stop = true
  await Promise.all(clients)
  await exited
  expect(acknowledgedUsers.size).toBeGreaterThan(50)

  const restarted = await spawnServer(dataDir, port)
  try {
    // Read the store itself before any login could recreate a lost user.
    const db = new Database(path.join(dataDir, 'civic.db'), { readonly: true })
    const stored = new Set(db.prepare('SELECT openid FROM users').pluck().all() as string[])
    db.close()
    const lost = [...acknowledgedUsers].filter((openid) => !stored.has(openid))
    expect(lost).toEqual([])

    for (const openid of acknowledgedUsers) {
      const login = await post('/api/login', { openid })
      const me = await post('/api/user', { action: 'me', data: {} }, login.data.token)
      const k = acknowledgedNickname.get(openid)
      if (k !== undefined) {
        // the acknowledged nickname, or a later one whose answer was lost in the crash
        expect(Number(/第(\d)次/.exec(me.data.nickname)?.[1] ?? 0)).toBeGreaterThanOrEqual(k)
      }
    }
    const written = [...acknowledgedNickname.keys()]
    expect(written.length).toBeGreaterThan(20)
  } finally {
    const exited = new Promise((r) => restarted.once('exit', r))
    restarted.kill('SIGTERM')
    await exited
  }
})
