import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

/**
 * The local server as its own OS process (one node process, so SIGKILL really kills it),
 * answered once /healthz is up; `entry` another entry point (the bench's `bench/server.ts`), `env` more of its environment.
 */
export async function spawnServer(dataDir: string, port: number, opts: { entry?: string; env?: Record<string, string> } = {}): Promise<ChildProcess> {
  const root = path.resolve(__dirname, '..', '..')
  const child = spawn(process.execPath, ['--import', 'tsx', opts.entry ?? path.join(root, 'cloud', 'server', 'main.ts')], {
    cwd: root,
    env: { ...process.env, CIVIC_DEMO: '1', LOGINS_PER_MINUTE: '1000000', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', H5_DIR: path.join(dataDir, 'no-h5'), ...opts.env },
    stdio: ['ignore', 'ignore', 'inherit']
  })
  const deadline = Date.now() + 30000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error('server did not start')
    await new Promise((r) => setTimeout(r, 100))
  }
}
