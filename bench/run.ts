/**
 * `npm run bench`: the project's performance figures, each beside its aim and, for throughput, a
 * baseline measured the same way on the same machine. Not part of `npm test`.
 *
 * 1. report.create over HTTP vs a bare Node JSON server (autocannon, 50 connections)
 * 2. report.create p50/p99 at a steady 200 requests/s
 * 3. report.nearby p50/p99 with 1,000,000 stored cases
 * 4. ranking.board p50/p99 for 3,000 villages × 24 months
 * 5. a signup race: 1,000 users at once for 100 places (exact counts)
 * 4b. report.feed and report.map with 1,000,000 stored cases
 * 6. the database calls of every action on CloudBase and its latency at 20 ms a call (bench/calls.ts)
 * 7. report.dashboard p50/p99 for a district with 100,000 cases (`BENCH_ONLY=dashboard` runs this alone)
 * `BENCH_ONLY=create` runs only 1 and 2. `BENCH_DB=<file>`: the loaded database is copied there
 * after loading, or copied from there instead of loading when it exists (before/after runs on the
 * same data; the copy is migrated by the code being measured).
 * 7. the first screen of the 随手拍 tab in Chromium with 4× CPU throttling (bench/firstScreen.ts)
 * 8. Open311 GET requests over 1,000 public cases, kept answers and answers computed after a write
 * 9. the event loop's longest pause in each server over the whole run (bench/server.ts)
 * Bulk data is loaded through the store directly; every measurement goes through the real server.
 * Every figure is printed beside its aim and its ratio to the bare Node server of the same run
 * (bench/figures.ts); a full run (1,000,000 cases, or BENCH_DOCS=1) writes them into
 * docs/performance.md between its markers (BENCH_DOCS=0: never; BENCH_DOCS_FILE: another file).
 * `BENCH_GUARD=1` (`npm run bench:guard`, in CI with BENCH_REPORTS=20000): only the guarded figures,
 * small and short; a figure below a third of its aim is measured again on a fresh server, and the
 * run fails (exit 1) only when the second run confirms it.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawn, type ChildProcess } from 'node:child_process'
import autocannon from 'autocannon'
import { createSqliteStore } from '../cloud/store/sqlite'
import { seedDemo } from '../cloud/seed/demo'
import { defaultConfig } from '../cloud/core/config'
import { competitionRanks, weightedTotal } from '../cloud/core/ranking/rules'
import { kindOf } from '../types/ranking'
import { freePort, spawnServer } from '../test/helpers/process'
import { measureCalls } from './calls'
import { hotTable, measureHot, writeHotTable } from './hot'
import { measureFirstScreen } from './firstScreen'
import { consoleLines, failing, markdownTable, verdict, writeSection, type Row } from './figures'

const REPORTS = Number(process.env.BENCH_REPORTS ?? 1_000_000)
const GUARD = process.env.BENCH_GUARD === '1'
/** Users filing in the create runs: enough that none reaches the 5-a-minute limit. */
const USERS = Number(process.env.BENCH_USERS ?? (GUARD ? 5000 : 20_000))
/** Seconds of each autocannon run. */
const SECONDS = Number(process.env.BENCH_SECONDS ?? (GUARD ? 4 : 8))
const ENTRY = path.join(__dirname, 'server.ts')
/** The event loop's figures of each bench server (bench/server.ts writes them). */
const loopFiles: string[] = []
const LOOP_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-bench-loop-'))
function benchServer(dataDir: string, port: number) {
  const loopFile = path.join(LOOP_DIR, `loop-${port}-${loopFiles.length}.json`)
  loopFiles.push(loopFile)
  return spawnServer(dataDir, port, { entry: ENTRY, env: { BENCH_LOOP_FILE: loopFile, OPEN311_READS_PER_MINUTE: '100000000' } })
}
function loopMax(): { maxMs: number; p99Ms: number } | null {
  const read = loopFiles.filter((f) => fs.existsSync(f)).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as { maxMs: number; p99Ms: number })
  return read.length ? { maxMs: Math.max(...read.map((r) => r.maxMs)), p99Ms: Math.max(...read.map((r) => r.p99Ms)) } : null
}
/** Stops a server and waits for it to write its last figures. */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
    setTimeout(resolve, 5000).unref()
  })
}
const VILLAGES = 3000
const MONTHS = 24
const CENTER = { latitude: 35.76, longitude: 115.03 }
const t0 = Date.now()
const log = (...a: unknown[]) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)}s]`, ...a)
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!
const ms = (n: number) => `${n.toFixed(1)} ms`

function periodsBack(n: number): string[] {
  const out: string[] = []
  const d = new Date()
  for (let i = n; i >= 1; i--) {
    const x = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 1))
    out.push(`${x.getUTCFullYear()}-${String(x.getUTCMonth() + 1).padStart(2, '0')}`)
  }
  return out
}

async function load(dataDir: string) {
  const store = createSqliteStore(path.join(dataDir, 'civic.db'))
  await seedDemo(store, new Date(), defaultConfig)
  log(`loading ${REPORTS.toLocaleString()} cases…`)
  const categories = (await store.directory.listCategories()).map((c) => c.code)
  const now = Date.now()
  let rnd = 12345
  const random = () => ((rnd = (rnd * 1103515245 + 12345) % 2147483648) / 2147483648)
  for (let done = 0; done < REPORTS; ) {
    const n = Math.min(20_000, REPORTS - done)
    await store.transaction(async (tx) => {
      for (let i = 0; i < n; i++) {
        const k = done + i
        const created = new Date(now - random() * 365 * 86400_000)
        const status = random() < 0.3 ? 'submitted' : random() < 0.5 ? 'accepted' : 'closed'
        await tx.reports.insert({
          id: `bulk${k}`, openid: `bulk-user-${k % 50_000}`, clientId: `bulk-client-${k}`, category: categories[k % categories.length]!,
          description: '批量生成的测试上报', photos: [], latitude: CENTER.latitude + (random() - 0.5) * 0.6, longitude: CENTER.longitude + (random() - 0.5) * 0.6,
          address: null, villageId: 'py-01', status, unitId: 'unit-chengguan', anonymous: false, supportCount: 0, createdAt: created,
          dueAt: new Date(created.getTime() + 24 * 3600_000), resolvedAt: null, rating: null, reply: null, afterPhotos: [], overdueNotified: true, warnedNotified: true
        })
      }
    })
    done += n
    if (done % 200_000 === 0) log(`  ${done.toLocaleString()} cases`)
  }
  if (GUARD) {
    // the guard measures no board: no villages' evaluations to load
    await store.close()
    return periodsBack(1)[0]!
  }
  log(`loading ${VILLAGES} villages × ${MONTHS} months of evaluations…`)
  await store.directory.putRegion({ id: 'town-bench', name: '测试镇', level: 'town', parentId: null })
  for (let v = 0; v < VILLAGES; v++) await store.directory.putRegion({ id: `bench-${v}`, name: `测试村${v}`, level: 'village', parentId: 'town-bench' })
  const periods = periodsBack(MONTHS)
  for (const period of periods) {
    await store.transaction(async (tx) => {
      for (let v = 0; v < VILLAGES; v++) {
        const s = 60 + ((v * 7 + period.charCodeAt(6)) % 400) / 10
        const scores = { environment: s, order: s, publicAds: s, civility: s, volunteering: s }
        await tx.ranking.saveEvaluation({ villageId: `bench-${v}`, period, kind: kindOf(period), scores, total: weightedTotal(scores, defaultConfig.evaluationKinds.major), submittedAt: new Date(), submittedBy: 'bench' })
      }
    })
    const ranked = competitionRanks(await store.ranking.totalsOf(period))
    await store.transaction((tx) => tx.ranking.setRanks(period, ranked.map((r) => ({ villageId: r.villageId, rank: r.rank }))))
  }
  await store.close()
  return periods[periods.length - 1]!
}

async function post(base: string, route: string, body: unknown, token?: string) {
  const res = await fetch(`${base}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })
  return (await res.json()) as { ok: boolean; data?: any; error?: any }
}

async function logins(base: string, prefix: string, n: number): Promise<string[]> {
  const tokens: string[] = []
  for (let i = 0; i < n; i += 100) {
    const batch = await Promise.all(Array.from({ length: Math.min(100, n - i) }, (_, k) => post(base, '/api/login', { openid: `${prefix}-${i + k}` })))
    tokens.push(...batch.map((b) => b.data.token as string))
  }
  return tokens
}

/** Sequential latencies of one call. */
async function latencies(n: number, call: (i: number) => Promise<{ ok: boolean; error?: unknown }>): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const start = performance.now()
    const answer = await call(i)
    out.push(performance.now() - start)
    if (!answer.ok) throw new Error(`failed: ${JSON.stringify(answer.error)}`)
  }
  return out
}

function cannon(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(opts, (err, result) => (err ? reject(err) : resolve(result))))
}

const DASHBOARD_CASES = Number(process.env.BENCH_DASHBOARD_CASES ?? 100_000)

/**
 * The console's dashboard over a district with 100,000 cases filed over the last year, spread over
 * the demo's villages, categories (so units) and statuses, a third of them accepted (with their
 * 受理 events), resolved ones on time or late, some rated. Measured through the real server for an
 * admin (this month; the whole year) and a unit's staff (the whole year).
 */
async function dashboardBench(bareP99: number | null): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-bench-dash-'))
  const store = createSqliteStore(path.join(dataDir, 'civic.db'))
  await seedDemo(store, new Date(), defaultConfig)
  log(`dashboard: loading ${DASHBOARD_CASES.toLocaleString()} cases…`)
  const categories = (await store.directory.listCategories()).filter((c) => c.kind === 'problem')
  const villages = (await store.directory.listRegions()).filter((r) => r.level === 'village')
  const now = Date.now()
  let rnd = 777
  const random = () => ((rnd = (rnd * 1103515245 + 12345) % 2147483648) / 2147483648)
  for (let done = 0; done < DASHBOARD_CASES; ) {
    const n = Math.min(20_000, DASHBOARD_CASES - done)
    await store.transaction(async (tx) => {
      for (let i = 0; i < n; i++) {
        const k = done + i
        const category = categories[k % categories.length]!
        const village = villages[Math.floor(random() * villages.length)]!
        const created = now - random() * 365 * 86400_000
        const due = created + category.slaHours * 3600_000
        const roll = random()
        const status = roll < 0.15 ? 'submitted' : roll < 0.3 ? 'accepted' : roll < 0.35 ? 'rejected' : roll < 0.75 ? 'resolved' : 'closed'
        const resolvedAt = status === 'resolved' || status === 'closed' ? Math.min(now, created + random() * 2 * category.slaHours * 3600_000) : null
        const id = `dash${k}`
        await tx.reports.insert({
          id, openid: `dash-user-${k % 20_000}`, clientId: `dash-client-${k}`, category: category.code, description: '批量生成的仪表盘测试上报', photos: [],
          latitude: village.center?.latitude ?? 35.76, longitude: village.center?.longitude ?? 115.03, address: null, villageId: village.id, status, unitId: category.unitId,
          anonymous: false, supportCount: 0, createdAt: new Date(created), dueAt: new Date(due), resolvedAt: resolvedAt === null ? null : new Date(resolvedAt),
          rating: status === 'closed' && random() < 0.6 ? { score: 1 + Math.floor(random() * 5), comment: null } : null, reply: null, afterPhotos: [],
          overdueNotified: true, warnedNotified: true
        })
        if (status !== 'submitted' && status !== 'rejected') {
          await tx.reports.appendEvent({ reportId: id, at: new Date(created + 3600_000), action: 'accept', status: 'accepted', note: null, actorRole: 'staff', actorOpenid: 'demo-staff' })
        }
      }
    })
    done += n
  }
  await store.close()
  const port = await freePort()
  const server = await benchServer(dataDir, port)
  const base = `http://127.0.0.1:${port}`
  const out: Row[] = []
  try {
    const admin = (await post(base, '/api/login', { openid: 'demo-admin' })).data.token
    const staff = (await post(base, '/api/login', { openid: 'demo-staff' })).data.token
    const today = new Date(now + 8 * 3600_000).toISOString().slice(0, 10)
    const yearAgo = new Date(now + 8 * 3600_000 - 365 * 86400_000).toISOString().slice(0, 10)
    const year = { from: yearAgo, to: today }
    const runs: [string, string, Record<string, string>][] = [['admin, this month', admin, {}], ['admin, 366 days', admin, year], ['城管 staff, 366 days', staff, year]]
    for (const [label, token, data] of runs) {
      await latencies(5, () => post(base, '/api/report', { action: 'dashboard', data }, token)) // warm up
      const times = await latencies(100, () => post(base, '/api/report', { action: 'dashboard', data }, token))
      const answer = (await post(base, '/api/report', { action: 'dashboard', data }, token)).data
      out.push({ key: `dashboard-${label}`, label: `report.dashboard (${label}; ${answer.totals.received.toLocaleString('en')} of ${DASHBOARD_CASES.toLocaleString('en')} cases in range) p99`, value: pct(times, 99), detail: `p50 ${ms(pct(times, 50))}`, aim: { atMostMs: 200 }, bare: bareP99 === null ? null : { value: bareP99, unit: 'ms' } })
    }
  } finally {
    await stop(server)
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  return out
}

/** The loaded database: from BENCH_DB when it exists (migrated by opening it), else loaded (and kept at BENCH_DB if set). */
async function prepare(dataDir: string): Promise<string> {
  const kept = process.env.BENCH_DB
  const file = path.join(dataDir, 'civic.db')
  if (kept && fs.existsSync(kept)) {
    log(`copying ${kept}…`)
    fs.copyFileSync(kept, file)
    for (const extra of ['-wal', '-shm']) fs.rmSync(file + extra, { force: true })
    const store = createSqliteStore(file) // runs this code's migrations before the server starts
    const latest = (await store.ranking.periods())[0] // newest first
    await store.close()
    return latest ?? periodsBack(1)[0]!
  }
  const latest = await load(dataDir)
  if (kept) {
    if (fs.existsSync(`${file}-wal`)) throw new Error('the loaded database was not checkpointed on close')
    fs.copyFileSync(file, kept)
  }
  return latest
}

/**
 * Open311 cases: the newest 1,500 bulk cases get a step in the last days (the bulk cases have none),
 * so GET requests has more than 1,000 public cases in its window. Done once per database.
 */
async function ensureOpen311Cases(file: string): Promise<void> {
  const store = createSqliteStore(file)
  const now = Date.now()
  if ((await store.reports.updatedBetween(new Date(now - 80 * 86400_000), new Date(now), [], 1000)).length < 1000) {
    await store.transaction(async (tx) => {
      for (let k = 0; k < Math.min(1500, REPORTS); k++) {
        await tx.reports.appendEvent({ reportId: `bulk${k}`, at: new Date(now - (k + 1) * 60_000), action: 'comment', status: 'accepted', note: '基准测试的进展', actorRole: 'staff', actorOpenid: 'demo-staff' })
      }
    })
  }
  await store.close()
}

/**
 * The figures measured through the server on the loaded database; `createOnly`: 1 and 2; in the
 * guard (BENCH_GUARD): only the guarded ones, shorter.
 */
async function serverFigures(dataDir: string, rows: Row[], createOnly: boolean, latestPeriod: string): Promise<{ bareP99: number }> {
  const port = await freePort()
  const server = await benchServer(dataDir, port)
  const base = `http://127.0.0.1:${port}`
  const basePort = await freePort()
  const baseline: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'baseline-server.ts')], { env: { ...process.env, PORT: String(basePort) }, stdio: 'ignore' })
  try {
    await new Promise((r) => setTimeout(r, 1000))
    // Enough users that none reaches the per-user limit (5 a minute) in the create runs, so the
    // limit is not what is measured: every answer must be a 2xx (non-2xx is reported).
    const tokens = await logins(base, 'bench-reporter', USERS)
    // no photo: a case's photos must be its reporter's own uploads (issue 12), each re-encoded on
    // upload and checked after filing — costs of the upload, not of filing, measured apart
    let seq = 0
    const createData = () => ({ clientId: `bench-${Date.now()}-${seq++}`, category: 'zhandao', description: '路口有摊贩占道经营', photos: [], location: { latitude: CENTER.latitude, longitude: CENTER.longitude } })
    const createBody = () => JSON.stringify({ action: 'create', data: createData() })
    const setupCreate = (req: any) => ({ ...req, body: createBody(), headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[seq % tokens.length]}` } })

    // the bare server's own latency, one request at a time: what every latency figure is set beside
    const bareTimes = await latencies(300, async () => {
      const res = await fetch(`http://127.0.0.1:${basePort}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: createBody() })
      return (await res.json()) as { ok: boolean }
    })
    const bareP99 = pct(bareTimes, 99)
    const bare = { value: bareP99, unit: 'ms' as const }

    log('throughput: bare Node JSON server…')
    const bareRun = await cannon({ url: `http://127.0.0.1:${basePort}/`, connections: 50, duration: SECONDS, method: 'POST', headers: { 'content-type': 'application/json' }, body: createBody() })
    log('throughput: report.create…')
    const create = await cannon({ url: `${base}/api/report`, connections: 50, duration: SECONDS, method: 'POST', requests: [{ setupRequest: setupCreate }] })
    rows.push({
      key: 'create-throughput', label: 'report.create throughput (50 connections)', value: create.requests.average / bareRun.requests.average, guarded: true,
      // the aim (25 %) is not met: 5–6 % of a bare server on an idle 2-core machine (2026-12-07)
      guardAim: { atLeastOfBare: 0.06 },
      detail: `${create.requests.average.toFixed(0)} req/s, p50 ${create.latency.p50} ms, p99 ${create.latency.p99} ms, non-2xx ${create.non2xx}`,
      aim: { atLeastOfBare: 0.25 }, bare: { value: bareRun.requests.average, unit: 'req/s' }
    })

    log('latency: report.create at 200 req/s…')
    const steady = await cannon({ url: `${base}/api/report`, connections: 20, duration: SECONDS, overallRate: 200, method: 'POST', requests: [{ setupRequest: setupCreate }] })
    rows.push({ key: 'create-steady', label: 'report.create at 200 req/s p99', value: steady.latency.p99, detail: `p50 ${steady.latency.p50} ms, non-2xx ${steady.non2xx}`, aim: { atMostMs: 50 }, bare, guarded: true, guardAim: { atMostMs: 80 } })
    if (createOnly) return { bareP99 }

    log('latency: report.nearby…')
    const reader = tokens[0]!
    const near = await latencies(GUARD ? 200 : 500, (i) => post(base, '/api/report', { action: 'nearby', data: { latitude: CENTER.latitude + ((i % 50) - 25) * 0.01, longitude: CENTER.longitude + ((i % 37) - 18) * 0.01, radius: 250 } }, reader))
    rows.push({ key: 'nearby', label: `report.nearby (250 m) among ${REPORTS.toLocaleString('en')} cases p99`, value: pct(near, 99), detail: `p50 ${ms(pct(near, 50))}`, aim: { atMostMs: 10 }, bare, guarded: true })

    log('latency: Open311 GET requests…')
    const open311 = (path: string) => async () => {
      const res = await fetch(`${base}/open311/v2/${path}`)
      await res.arrayBuffer()
      return { ok: res.status === 200, error: res.status }
    }
    const total = Number((await fetch(`${base}/open311/v2/requests.xml`)).headers.get('x-total-count'))
    const kept = await latencies(GUARD ? 100 : 300, open311('requests.xml'))
    rows.push({ key: 'open311-kept', label: `Open311 GET requests.xml (first page of 100, ${total.toLocaleString('en')} in the window), answer kept p99`, value: pct(kept, 99), detail: `p50 ${ms(pct(kept, 50))}`, aim: { atMostMs: 50 }, bare })
    // after a write (a case filed, untimed) the answer is computed again
    const fresh: number[] = []
    for (let i = 0; i < (GUARD ? 40 : 100); i++) {
      await post(base, '/api/report', { action: 'create', data: createData() }, tokens[(i + 2) % tokens.length])
      fresh.push(...(await latencies(1, open311('requests.xml'))))
    }
    rows.push({ key: 'open311-fresh', label: 'Open311 GET requests.xml after a case changed (computed) p99', value: pct(fresh, 99), detail: `p50 ${ms(pct(fresh, 50))}`, aim: { atMostMs: 50 }, bare, guarded: true })
    if (!GUARD) {
      const whole: number[] = []
      for (let i = 0; i < 30; i++) {
        await post(base, '/api/report', { action: 'create', data: createData() }, tokens[(i + 500) % tokens.length])
        whole.push(...(await latencies(1, open311('requests.xml?page_size=1000'))))
      }
      rows.push({ key: 'open311-1000', label: 'Open311 GET requests.xml?page_size=1000 after a case changed p99', value: pct(whole, 99), detail: `p50 ${ms(pct(whole, 50))}`, aim: null, bare })
    }
    if (GUARD) return { bareP99 }

    const nearCat = await latencies(300, (i) => post(base, '/api/report', { action: 'nearby', data: { latitude: CENTER.latitude + ((i % 50) - 25) * 0.01, longitude: CENTER.longitude, radius: 1000, category: 'zhandao' } }, reader))
    rows.push({ key: 'nearby-category', label: 'report.nearby (1 km, one category) p99', value: pct(nearCat, 99), detail: `p50 ${ms(pct(nearCat, 50))}`, aim: null, bare })

    log('latency: report.feed and report.map…')
    // every bulk case lies in 幸福村 (py-01): the village feed reads the newest of 1,000,000
    const jitter = (i: number) => ({ latitude: CENTER.latitude + ((i % 50) - 25) * 0.004, longitude: CENTER.longitude + ((i % 37) - 18) * 0.004 })
    await post(base, '/api/user', { action: 'updateProfile', data: { villageId: 'py-01' } }, reader)
    const feedVillage = await latencies(300, () => post(base, '/api/report', { action: 'feed', data: { scope: 'village' } }, reader))
    rows.push({ key: 'feed-village', label: `report.feed (my village, newest 20 of ${REPORTS.toLocaleString('en')}) p99`, value: pct(feedVillage, 99), detail: `p50 ${ms(pct(feedVillage, 50))}`, aim: { atMostMs: 10 }, bare })
    const feedNearby = await latencies(300, (i) => post(base, '/api/report', { action: 'feed', data: { scope: 'nearby', ...jitter(i) } }, reader))
    rows.push({ key: 'feed-nearby', label: 'report.feed (nearby 2 km) p99', value: pct(feedNearby, 99), detail: `p50 ${ms(pct(feedNearby, 50))}`, aim: null, bare })
    const feedResolved = await latencies(300, (i) => post(base, '/api/report', { action: 'feed', data: { scope: 'nearby', status: 'resolved', ...jitter(i) } }, reader))
    rows.push({ key: 'feed-resolved', label: 'report.feed (nearby 2 km, resolved only) p99', value: pct(feedResolved, 99), detail: `p50 ${ms(pct(feedResolved, 50))}`, aim: null, bare })
    const box = (i: number, half: number) => { const c = jitter(i); return { south: c.latitude - half, north: c.latitude + half, west: c.longitude - half, east: c.longitude + half } }
    const mapStreet = await latencies(300, (i) => post(base, '/api/report', { action: 'map', data: { ...box(i, 0.004), zoom: 16 } }, reader))
    rows.push({ key: 'map-street', label: 'report.map (street, ~900 m box, zoom 16) p99', value: pct(mapStreet, 99), detail: `p50 ${ms(pct(mapStreet, 50))}`, aim: null, bare })
    const mapTown = await latencies(200, (i) => post(base, '/api/report', { action: 'map', data: { ...box(i, 0.03), zoom: 13 } }, reader))
    rows.push({ key: 'map-town', label: 'report.map (town, ~6.6 km box, zoom 13, the newest 500 clustered) p99', value: pct(mapTown, 99), detail: `p50 ${ms(pct(mapTown, 50))}`, aim: null, bare })

    log('latency: ranking.board…')
    const board = await latencies(200, () => post(base, '/api/ranking', { action: 'board', data: { period: latestPeriod } }, reader))
    const boardRows = (await post(base, '/api/ranking', { action: 'board', data: { period: latestPeriod } }, reader)).data.rows.length
    rows.push({ key: 'board', label: `ranking.board (${boardRows.toLocaleString('en')} villages, ${MONTHS} months stored) p99`, value: pct(board, 99), detail: `p50 ${ms(pct(board, 50))}`, aim: { atMostMs: 20 }, bare })

    log('signup race: 1,000 users for 100 places…')
    const staff = (await post(base, '/api/login', { openid: 'demo-staff' })).data.token
    const start = new Date(Date.now() + 86400_000)
    const drive = await post(base, '/api/volunteer', { action: 'create', data: { title: '基准测试活动', description: '', villageId: 'py-01', address: '幸福村', capacity: 100, startAt: start.toISOString(), endAt: new Date(start.getTime() + 7200_000).toISOString() } }, staff)
    const racers = await logins(base, 'bench-volunteer', 1000)
    const raceStart = performance.now()
    const answers = await Promise.all(racers.map((t) => post(base, '/api/volunteer', { action: 'signup', data: { activityId: drive.data.id } }, t)))
    const raceMs = performance.now() - raceStart
    const confirmed = answers.filter((a) => a.data?.status === 'confirmed').length
    const positions = answers.filter((a) => a.data?.status === 'waitlisted').map((a) => a.data.position as number).sort((a, b) => a - b)
    const exact = confirmed === 100 && positions.length === 900 && positions.every((p, i) => p === i + 1)
    const stored = (await post(base, '/api/volunteer', { action: 'get', data: { id: drive.data.id } }, staff)).data
    rows.push({ key: 'signup-race', label: 'signup race, 1,000 users for 100 places (all answered)', value: raceMs, detail: `${confirmed} confirmed, ${positions.length} waitlisted (positions 1..${positions.at(-1)}), stored ${stored.confirmedCount}/${stored.waitlistCount}: ${exact ? 'exact' : 'WRONG'}`, aim: null, bare: null })
    return { bareP99 }
  } finally {
    await stop(server)
    baseline.kill('SIGTERM')
  }
}

function loopRow(): Row | null {
  const loop = loopMax()
  return loop && { key: 'event-loop', label: 'the event loop\'s longest pause, every bench server, the whole run', value: loop.maxMs, detail: `p99 ${ms(loop.p99Ms)}; monitorEventLoopDelay, 10 ms resolution`, aim: { atMostMs: 50 }, bare: null, guarded: true, guardAim: { atMostMs: 130 } }
}

const machine = () => `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}`

/** One guarded run on a fresh server over a copy of the loaded database. */
async function guardRun(loaded: string, latestPeriod: string): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-bench-guard-'))
  fs.copyFileSync(loaded, path.join(dataDir, 'civic.db'))
  loopFiles.length = 0
  const rows: Row[] = []
  try {
    await serverFigures(dataDir, rows, false, latestPeriod)
    const loop = loopRow()
    if (loop) rows.push(loop)
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  return rows
}

/** `BENCH_GUARD=1`: the guarded figures; a second run when one falls below a third of its aim; exit 1 only when confirmed. */
async function guard(): Promise<never> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-bench-'))
  const latestPeriod = await prepare(dataDir)
  await ensureOpen311Cases(path.join(dataDir, 'civic.db'))
  const loaded = path.join(dataDir, 'loaded.db')
  fs.copyFileSync(path.join(dataDir, 'civic.db'), loaded)
  const first = await guardRun(loaded, latestPeriod)
  console.log(`\n=== bench guard, run 1 (${machine()}, ${REPORTS.toLocaleString('en')} cases) ===`)
  for (const line of consoleLines(first)) console.log(line)
  let second: Row[] | null = null
  if (failing(first).length) {
    log(`below a third of the aim: ${failing(first).map((r) => r.key).join(', ')} — measuring again to confirm…`)
    second = await guardRun(loaded, latestPeriod)
    console.log(`\n=== bench guard, run 2 (${machine()}) ===`)
    for (const line of consoleLines(second)) console.log(line)
  }
  fs.rmSync(dataDir, { recursive: true, force: true })
  const v = verdict(first, second)
  if (v.unconfirmed.length) console.log(`\nnot confirmed by the second run (noise): ${v.unconfirmed.join(', ')}`)
  if (!v.ok) {
    console.log(`\nBENCH GUARD FAILED: below a third of the aim in both runs: ${v.confirmed.join(', ')}`)
    process.exit(1)
  }
  console.log('\nbench guard: ok (no guarded figure below a third of its aim, confirmed)')
  process.exit(0)
}

async function main() {
  if (GUARD) return guard()
  if (process.env.BENCH_ONLY === 'dashboard') {
    const rows = await dashboardBench(null)
    const loop = loopRow()
    if (loop) rows.push(loop)
    console.log(`\n=== 文明家园 dashboard benchmark (${machine()}) ===`)
    for (const line of consoleLines(rows)) console.log(line)
    process.exit(0)
  }
  const createOnly = process.env.BENCH_ONLY === 'create'
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-bench-'))
  const rows: Row[] = []
  const latestPeriod = await prepare(dataDir)
  if (!createOnly) await ensureOpen311Cases(path.join(dataDir, 'civic.db'))
  const { bareP99 } = await serverFigures(dataDir, rows, createOnly, latestPeriod)
  if (createOnly) {
    const loop = loopRow()
    if (loop) rows.push(loop)
    console.log(`\n=== 文明家园 report.create benchmark (${machine()}, ${REPORTS.toLocaleString('en')} cases loaded) ===`)
    for (const line of consoleLines(rows)) console.log(line)
    fs.rmSync(dataDir, { recursive: true, force: true })
    process.exit(0)
  }
  log('first screen of the 随手拍 tab in Chromium, 4× CPU throttling…')
  if (fs.existsSync(path.join('dist', 'h5', 'index.html')) && process.env.BENCH_SCREEN !== '0') {
    const screen = await measureFirstScreen()
    rows.push({ key: 'first-screen', label: '随手拍 first screen in Chromium (4× CPU throttling, no cache, demo district) median', value: screen.median, detail: `runs ${screen.times.join(', ')} ms`, aim: { atMostMs: 1000 }, bare: null })
  } else {
    console.log('随手拍 first screen: not measured (no H5 build: run `npm run build:h5` first)')
  }
  if (process.env.BENCH_DASHBOARD !== '0') rows.push(...(await dashboardBench(bareP99)))
  const loop = loopRow()
  if (loop) rows.push(loop)
  // the figures first: a failure of the calls measurement below must not lose them
  const heading = `Figures of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (${machine()}; ${REPORTS.toLocaleString('en')} cases)`
  console.log(`\n=== 文明家园 benchmark: ${heading} ===`)
  for (const line of consoleLines(rows)) console.log(line)
  const docs = process.env.BENCH_DOCS_FILE ?? path.join(__dirname, '..', 'docs', 'performance.md')
  if (process.env.BENCH_DOCS === '1' || (process.env.BENCH_DOCS !== '0' && REPORTS === 1_000_000)) {
    writeSection(docs, `### ${heading}\n\nEach figure beside its aim (issue 23) and the bare Node server of the same run: throughput as a share of its req/s, latencies as a multiple of its p99 one request at a time. The load generator shares the machine.\n\n${markdownTable(rows)}`)
    console.log(`\n(written into ${path.relative(process.cwd(), docs)})`)
  }
  if (process.env.BENCH_CALLS !== '0') {
    log('database calls of every action on CloudBase…')
    const calls = await measureCalls()
    console.log(`\nDatabase calls per action on CloudBase (real wx-server-sdk, emulated server, ${process.env.EMULATOR_LATENCY_MS ?? 20} ms a call):\n`)
    console.log(calls.table)
    const grown = calls.rows.filter((r) => r.kind === 'read' && r.bulkCalls !== null && r.bulkCalls > r.calls)
    console.log(grown.length ? `\nREADS THAT GREW WITH THE DATA: ${grown.map((r) => r.action).join(', ')}` : '\nNo read action makes more calls with more data.')
  }
  if (process.env.BENCH_HOT !== '0') {
    log('hot documents on CloudBase: 1,000 signups for 100 places, 300 我也遇到 at 20 ms a call…')
    const table = hotTable(await measureHot())
    console.log(`\n${table}`)
    if (process.env.BENCH_DOCS === '1' || (process.env.BENCH_DOCS !== '0' && REPORTS === 1_000_000)) writeHotTable(table)
  }
  fs.rmSync(dataDir, { recursive: true, force: true })
  process.exit(0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
