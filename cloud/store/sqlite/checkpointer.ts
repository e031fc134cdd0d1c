import { Worker } from 'node:worker_threads'

/**
 * Checkpoints the WAL from a worker thread with its own connection, so the copying of pages into
 * the database file and its fsyncs happen beside the event loop instead of inside a COMMIT on it.
 *
 * The main connection keeps its automatic checkpoint (every 1,000 WAL pages), so the WAL is never
 * synced less often than before: this only adds earlier, smaller checkpoints (PASSIVE: they never
 * block the writer). Once the worker has copied everything, the next write restarts the WAL, so
 * the main connection rarely reaches its own threshold, and finds little left to copy when it does.
 * The worker's code is plain JavaScript (evaluated, not a module file) so it runs the same under
 * tsx, jest and a bundle.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.module)
const db = new Database(workerData.file, { fileMustExist: true })
db.pragma('busy_timeout = 5000')
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close()
    parentPort.close()
    return
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch {
    // busy or failed: the next request, or the main connection's own checkpoint, does it
  }
  parentPort.postMessage('done')
})
`

/** How often at most a checkpoint is asked for while writes go on (ms). */
const EVERY_MS = 50

export class Checkpointer {
  private readonly worker: Worker
  private running = false
  private dirty = false
  private exited = false
  private timer: NodeJS.Timeout | null = null

  constructor(file: string) {
    this.worker = new Worker(WORKER, { eval: true, workerData: { file, module: require.resolve('better-sqlite3') } })
    this.worker.unref()
    this.worker.on('message', () => {
      this.running = false
      if (this.dirty) this.committed()
    })
    this.worker.on('error', () => {
      this.running = true // never ask again; the main connection's own checkpoints remain
    })
    this.worker.on('exit', () => {
      this.exited = true
      this.running = true
    })
  }

  /** Notes a commit; a checkpoint follows within EVERY_MS unless one is running. */
  committed(): void {
    this.dirty = true
    if (this.timer || this.exited) return
    this.timer = setTimeout(() => {
      this.timer = null
      if (!this.dirty || this.running) return
      this.dirty = false
      this.running = true
      this.worker.postMessage('checkpoint')
    }, EVERY_MS)
    this.timer.unref()
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.exited) return
    await new Promise<void>((resolve) => {
      this.worker.once('exit', () => resolve())
      this.worker.ref() // unref'd while open so it never keeps a process alive; here its exit is awaited
      this.worker.postMessage('close')
    })
  }
}
