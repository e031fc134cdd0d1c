import fs from 'node:fs'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createLocalCloud } from '../cloud/server/root'

/**
 * The local server as `npm run bench` starts it (like `cloud/server/main.ts`, same options from the
 * environment), plus what only the bench needs:
 * - `BENCH_LOOP_FILE`: the event loop's pauses (`perf_hooks.monitorEventLoopDelay`, 10 ms
 *   resolution) from the moment the server listens, written there as JSON every 250 ms and on
 *   SIGTERM (max, p99 and mean in ms): the longest pause of the whole run;
 * - `BENCH_INJECT_DELAY_MS`: a deliberate slowdown for the test of the bench's CI guard
 *   (test/integration/benchGuard.test.ts) — every `report.create` request busy-waits that long on
 *   the event loop. Never set by the bench itself.
 */
async function main() {
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data')
  process.umask(0o077)
  const cloud = await createLocalCloud({ dataDir, h5Dir: path.resolve(process.env.H5_DIR ?? 'dist/h5'), demoActivity: process.env.CIVIC_DEMO_ACTIVITY !== '0' })
  const delay = Number(process.env.BENCH_INJECT_DELAY_MS ?? 0)
  if (delay > 0) {
    // after the body is read (preHandler): only `report.create` is slowed, so the slowdown is
    // decisive for its throughput (a request per `delay`) however busy the machine, and the
    // guard's other figures keep their own pace
    cloud.app.addHook('preHandler', (request, _reply, done) => {
      if (request.url.startsWith('/api/report') && (request.body as { action?: unknown } | null)?.action === 'create') {
        const until = performance.now() + delay
        while (performance.now() < until) {
          // the deliberate slowdown: the event loop is held
        }
      }
      done()
    })
  }
  await cloud.app.listen({ port: Number(process.env.PORT ?? 8787), host: process.env.HOST ?? '127.0.0.1' })
  const file = process.env.BENCH_LOOP_FILE
  const loop = monitorEventLoopDelay({ resolution: 10 })
  loop.enable()
  const write = () => {
    if (!file) return
    const ms = (ns: number) => Math.round(ns / 1e4) / 100
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({ maxMs: ms(loop.max), p99Ms: ms(loop.percentile(99)), meanMs: ms(loop.mean), samples: loop.count }))
    fs.renameSync(`${file}.tmp`, file)
  }
  const timer = setInterval(write, 250)
  const stop = async () => {
    clearInterval(timer)
    write()
    await cloud.app.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error) => {
  console.error('[bench server] failed to start', error)
  process.exit(1)
})
