/**
 * `npx tsx bench/profileCreate.ts <loaded civic.db>`: where the server's CPU goes while it files
 * cases on a large database. The database (e.g. the one `BENCH_DB` keeps after `npm run bench`) is
 * copied, the server started on the copy with `--cpu-prof`, 20,000 users sign in, and autocannon
 * files cases for 8 s at 50 connections (as the bench does); then the profile of those 8 s is
 * summed per function (self time) and per source file, the top of each printed. Not part of `npm test`.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'
import autocannon from 'autocannon'
import { freePort } from '../test/helpers/process'

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const source = process.argv[2]
if (!source || !fs.existsSync(source)) throw new Error('usage: tsx bench/profileCreate.ts <loaded civic.db>')
const CENTER = { latitude: 35.76, longitude: 115.03 }

async function post(base: string, route: string, body: unknown) {
  const res = await fetch(`${base}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return (await res.json()) as { ok: boolean; data?: { token: string } }
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-profile-'))
  const profDir = path.join(dataDir, 'prof')
  fs.copyFileSync(source!, path.join(dataDir, 'civic.db'))
  const port = await freePort()
  const root = path.resolve(__dirname, '..')
  const server = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--import', 'tsx', path.join(root, 'cloud', 'server', 'main.ts')], {
    cwd: root,
    env: { ...process.env, CIVIC_DEMO: '1', LOGINS_PER_MINUTE: '1000000', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', H5_DIR: path.join(dataDir, 'no-h5') },
    stdio: ['ignore', 'ignore', 'inherit']
  })
  const base = `http://127.0.0.1:${port}`
  for (let up = false; !up; ) {
    await new Promise((r) => setTimeout(r, 200))
    up = await fetch(`${base}/healthz`).then((r) => r.ok, () => false)
  }
  const tokens: string[] = []
  for (let i = 0; i < 20_000; i += 100) {
    const batch = await Promise.all(Array.from({ length: 100 }, (_, k) => post(base, '/api/login', { openid: `profile-reporter-${i + k}` })))
    tokens.push(...batch.map((b) => b.data!.token))
  }
  let seq = 0
  const body = () => JSON.stringify({ action: 'create', data: { clientId: `profile-${Date.now()}-${seq++}`, category: 'zhandao', description: '路口有摊贩占道经营', photos: [], location: CENTER } })
  /** The server's user and system CPU time so far, in ms (Linux /proc; clock ticks of 10 ms). */
  const cpu = () => {
    const fields = fs.readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 }
  }
  const cpuStart = cpu()
  const createStart = performance.now()
  const result = await new Promise<autocannon.Result>((resolve, reject) =>
    autocannon({ url: `${base}/api/report`, connections: 50, duration: 8, method: 'POST', requests: [{ setupRequest: (req: any) => ({ ...req, body: body(), headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[seq % tokens.length]}` } }) }] },
      (err, r) => (err ? reject(err) : resolve(r))))
  const createEnd = performance.now()
  const cpuEnd = cpu()
  const perCreate = (ms: number) => `${((ms * 1000) / result.requests.total).toFixed(0)} µs`
  console.log(`report.create: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`)
  console.log(`server CPU per create: ${perCreate(cpuEnd.user - cpuStart.user + cpuEnd.system - cpuStart.system)} (user ${perCreate(cpuEnd.user - cpuStart.user)}, system ${perCreate(cpuEnd.system - cpuStart.system)})`)
  server.kill('SIGTERM')
  await new Promise((r) => server.once('exit', r))
  const exited = performance.now()

  const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))!
  const profile = JSON.parse(fs.readFileSync(path.join(profDir, file), 'utf8')) as Profile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  // only the samples of the 8 s of creates (not the start, nor the 20,000 sign-ins): the profile
  // ends when the server exits, so the window is placed back from its end
  const from = profile.endTime - (exited - createStart) * 1000
  const to = profile.endTime - (exited - createEnd) * 1000
  const self = new Map<number, number>()
  let at = profile.startTime
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0
    if (at >= from && at <= to) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  const short = (url: string) => url.replace(/^file:\/\//, '').replace(`${root}/`, '')
  const sum = (key: (n: Node) => string) => {
    const out = new Map<string, number>()
    for (const [id, us] of self) {
      const k = key(byId.get(id)!)
      out.set(k, (out.get(k) ?? 0) + us)
    }
    return [...out].sort((a, b) => b[1] - a[1])
  }
  const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)} %`
  console.log(`\nself time by function (of ${(total / 1e6).toFixed(1)} s sampled while filing, idle included):`)
  for (const [k, us] of sum((n) => `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`).slice(0, 40)) console.log(`${pct(us)}  ${k}`)
  console.log('\nself time by file:')
  for (const [k, us] of sum((n) => short(n.callFrame.url) || `(${n.callFrame.functionName})`).slice(0, 30)) console.log(`${pct(us)}  ${k}`)
  fs.rmSync(dataDir, { recursive: true, force: true })
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
