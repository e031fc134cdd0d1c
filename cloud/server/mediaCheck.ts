import fs from 'node:fs'
import type { Deps, MediaCheck } from '../core/context'
import { photoChecked } from '../core/report/moderation'
import { fingerprintDistance, fingerprintOf } from '../adapters/fingerprint'
import type { FileStore } from './uploads'

/** Fingerprints this close (of 64 bits) count as the same image. */
const SAME_IMAGE_BITS = 6

/**
 * The local stand-in for WeChat's asynchronous image check: after `delayMs` (WeChat answers in
 * seconds to minutes; 0: before the filing is answered) each photo's fingerprint is compared with the district's list of refused
 * images (`config.refusedImageFingerprints`); a match is `risky`. The verdicts go through the same
 * use case as WeChat's `wxa_media_check` event. A check lost in a crash is asked again by the sweep.
 */
export class LocalMediaCheck implements MediaCheck {
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(private readonly deps: () => Deps, private readonly files: FileStore, private readonly delayMs: number) {}

  async submit(report: { id: string; photos: string[] }): Promise<void> {
    if (this.delayMs === 0) return this.check(report) // at once, before the filing is answered (tests, and districts that want it)
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      void this.check(report).catch((error) => this.deps().log('local media check failed; the sweep retries', error))
    }, this.delayMs)
    timer.unref()
    this.timers.add(timer)
  }

  private async check(report: { id: string; photos: string[] }): Promise<void> {
    const deps = this.deps()
    for (const photo of report.photos) {
      const file = this.files.pathOf(photo)
      const fingerprint = file ? await fingerprintOf(fs.readFileSync(file)) : null
      const risky = fingerprint !== null && deps.config.refusedImageFingerprints.some((f) => fingerprintDistance(f, fingerprint) <= SAME_IMAGE_BITS)
      await photoChecked(deps, report.id, photo, risky ? 'risky' : 'pass')
    }
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }
}
