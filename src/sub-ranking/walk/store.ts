import Taro from '@tarojs/taro'
import dayjs from 'dayjs'
import { makeAutoObservable, runInAction } from 'mobx'
import type { Finding, MySite, RoundStatus } from '../../../types/campaign'
import type { CloudClient } from '../../services/cloud'
import type { DraftPhoto } from '../../stores/reportDraft'
import { currentPosition } from '../../services/location'
import { DISTRICT_UTC_OFFSET_MINUTES } from '../../services/time'

/** This month and the next, in the district's time (UTC+8) whatever the device's zone: rounds are planned ahead. */
export function roundMonths(now = Date.now()): string[] {
  const district = dayjs(now + (DISTRICT_UTC_OFFSET_MINUTES + new Date().getTimezoneOffset()) * 60_000)
  return [district.format('YYYY-MM'), district.add(1, 'month').format('YYYY-MM')]
}

const LOCATE_TIMEOUT_MS = 8000

/**
 * 我的测评点位 (issue 26): the evaluator's 点位 of a month's round (`ranking.mySites`), nearest
 * first from the device's position; when the position is refused or unavailable, in the server's
 * order (by village and name).
 */
export class MySitesStore {
  period = roundMonths()[0]!
  status: RoundStatus | null = null
  items: MySite[] = []
  loading = false
  loaded = false
  error: unknown = null
  /** Whether the list is ordered from the device's position. */
  located = false
  /** The device's position the list was ordered from (the map's 我), or null. */
  position: { latitude: number; longitude: number } | null = null

  constructor(private readonly client: CloudClient, private readonly locate: () => Promise<{ latitude: number; longitude: number }> = currentPosition) {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  get done(): number {
    return this.items.filter((s) => s.inspected).length
  }

  async setPeriod(period: string): Promise<void> {
    if (period === this.period) return
    this.period = period
    this.items = []
    this.loaded = false
    await this.load()
  }

  async load(): Promise<void> {
    this.loading = true
    this.error = null
    const period = this.period
    // a refused or slow position leaves the server's order (by village and name)
    const location = await Promise.race([this.locate(), new Promise<null>((resolve) => setTimeout(() => resolve(null), LOCATE_TIMEOUT_MS))]).catch(() => null)
    try {
      const answer = await this.client.call('ranking', 'mySites', { period, ...(location ? { location } : {}) })
      runInAction(() => {
        if (period !== this.period) return
        this.status = answer.status
        this.items = answer.items
        this.located = !!location
        this.position = location ?? null
        this.loaded = true
      })
    } catch (error) {
      runInAction(() => (this.error = error))
    } finally {
      runInAction(() => (this.loading = false))
    }
  }
}

/** One item's answer while walking: unanswered (null), 达标 (true) or 不达标 with the count, photos and a note. */
export interface DraftAnswer {
  passed: boolean | null
  count: string
  photos: DraftPhoto[]
  note: string
}

interface SavedInspection {
  clientKey: string
  answers: Record<string, { passed: boolean | null; count: string; note: string; photos: { localPath: string; fileId: string }[] }>
}

const newKey = () => `insp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
const storageKey = (period: string, siteId: string) => `civic.inspection.${period}.${siteId}`
/** Photos per item (the contract's `answerInput`). */
export const PHOTOS_PER_ITEM = 3

/**
 * One 点位's inspection being walked: every answer is kept in the phone's storage as it is given
 * (a poor network or a closed page loses nothing), and submitted once with one `clientKey` that
 * stays the same across retries, so the server files nothing twice (`ranking.inspect` is idempotent).
 */
export class InspectionStore {
  site: MySite | null = null
  status: RoundStatus | null = null
  loaded = false
  error: unknown = null
  clientKey = newKey()
  answers: Record<string, DraftAnswer> = {}
  submitting = false
  /** The server's answer once submitted: the shortfalls found, each with its 整改 case. */
  result: Finding[] | null = null
  /** Answers were found on the phone (a page closed or a submit whose answer was lost): they may still be sent, with their key. */
  restored = false

  constructor(private readonly client: CloudClient, readonly period: string, readonly siteId: string) {
    makeAutoObservable(this, {}, { autoBind: true })
    this.restore()
  }

  async load(): Promise<void> {
    this.error = null
    if (!this.period || !this.siteId) {
      this.loaded = true // opened without its 点位: nothing to show
      return
    }
    try {
      const answer = await this.client.call('ranking', 'mySites', { period: this.period })
      runInAction(() => {
        this.status = answer.status
        this.site = answer.items.find((s) => s.id === this.siteId) ?? null
        for (const item of this.site?.items ?? []) this.answers[item.id] ??= { passed: null, count: '1', photos: [], note: '' }
        this.loaded = true
      })
    } catch (error) {
      runInAction(() => (this.error = error))
    }
  }

  answerOf(itemId: string): DraftAnswer {
    return this.answers[itemId] ?? { passed: null, count: '1', photos: [], note: '' }
  }

  /** The checklist is offered while the 点位 is not inspected yet, or answers of an unconfirmed submit are kept. */
  get open(): boolean {
    return !!this.site && this.status === 'open' && !this.result && (!this.site.inspected || this.restored)
  }

  get answered(): number {
    return (this.site?.items ?? []).filter((i) => this.answerOf(i.id).passed !== null).length
  }

  get shortfalls(): number {
    return (this.site?.items ?? []).filter((i) => this.answerOf(i.id).passed === false).length
  }

  /** What is still missing before the inspection can be submitted, or '' when it is ready (the server checks again). */
  get problem(): string {
    const items = this.site?.items ?? []
    if (!items.length) return '该点位没有适用的测评项目'
    for (const item of items) {
      const a = this.answerOf(item.id)
      if (a.passed === null) return `还有项目未填写：${item.content}`
      if (a.passed) continue
      if (!a.photos.length) return `「${item.content}」不达标，请拍照`
      if (a.photos.some((p) => !p.fileId && !p.failed)) return '照片上传中…'
      if (a.photos.some((p) => p.failed)) return '有照片上传失败，请重试或删除'
    }
    return ''
  }

  setPassed(itemId: string, passed: boolean): void {
    this.answers[itemId] = { ...this.answerOf(itemId), passed }
    this.save()
  }

  setCount(itemId: string, count: string): void {
    this.answers[itemId] = { ...this.answerOf(itemId), count }
    this.save()
  }

  setNote(itemId: string, note: string): void {
    this.answers[itemId] = { ...this.answerOf(itemId), note }
    this.save()
  }

  addPhotos(itemId: string, paths: string[]): void {
    const a = this.answerOf(itemId)
    const added = paths.slice(0, PHOTOS_PER_ITEM - a.photos.length).map((localPath) => ({ localPath, fileId: null, progress: 0, failed: false }))
    this.answers[itemId] = { ...a, photos: [...a.photos, ...added] }
    for (const p of added) void this.upload(itemId, p.localPath)
  }

  removePhoto(itemId: string, localPath: string): void {
    const a = this.answerOf(itemId)
    this.answers[itemId] = { ...a, photos: a.photos.filter((p) => p.localPath !== localPath) }
    this.save()
  }

  async upload(itemId: string, localPath: string): Promise<void> {
    const patch = (change: Partial<DraftPhoto>) => runInAction(() => {
      const a = this.answerOf(itemId)
      this.answers[itemId] = { ...a, photos: a.photos.map((p) => (p.localPath === localPath ? { ...p, ...change } : p)) }
    })
    patch({ failed: false, progress: 0 })
    try {
      const fileId = await this.client.upload(localPath, (progress) => patch({ progress }))
      patch({ fileId, progress: 100 })
      this.save()
    } catch {
      patch({ failed: true })
    }
  }

  /** Submits the answers once; a retry (after a lost answer) sends the same key and gets what was stored. */
  async submit(): Promise<Finding[]> {
    const site = this.site
    if (!site || this.problem) throw new Error(this.problem || '点位不存在')
    this.submitting = true
    try {
      const answer = await this.client.call('ranking', 'inspect', {
        period: this.period,
        siteId: site.id,
        clientKey: this.clientKey,
        answers: site.items.map((item) => {
          const a = this.answerOf(item.id)
          if (a.passed) return { itemId: item.id, passed: true }
          const count = Math.round(Number(a.count))
          return {
            itemId: item.id,
            passed: false,
            count: Number.isFinite(count) && count >= 1 ? count : 1,
            photos: a.photos.map((p) => p.fileId!).filter(Boolean),
            ...(a.note.trim() ? { note: a.note.trim() } : {})
          }
        })
      })
      runInAction(() => {
        this.result = answer.findings
        this.restored = false
        if (this.site) this.site = { ...this.site, inspected: true }
      })
      Taro.removeStorageSync(storageKey(this.period, this.siteId))
      return answer.findings
    } finally {
      runInAction(() => (this.submitting = false))
    }
  }

  private save(): void {
    const saved: SavedInspection = {
      clientKey: this.clientKey,
      answers: Object.fromEntries(Object.entries(this.answers).map(([id, a]) => [id, {
        passed: a.passed,
        count: a.count,
        note: a.note,
        photos: a.photos.filter((p) => p.fileId).map((p) => ({ localPath: p.localPath, fileId: p.fileId! }))
      }]))
    }
    Taro.setStorageSync(storageKey(this.period, this.siteId), JSON.stringify(saved))
  }

  /** A kept photo is shown from the cloud: the device's temporary file (a browser's blob URL) may be gone after a restart. */
  private photoSrc(p: { fileId: string }): string {
    return this.client.fileUrl(p.fileId)
  }

  private restore(): void {
    const key = storageKey(this.period, this.siteId)
    try {
      const raw = Taro.getStorageSync(key) as string
      if (!raw) return
      const saved = JSON.parse(raw) as SavedInspection
      this.clientKey = saved.clientKey
      this.restored = true
      this.answers = Object.fromEntries(Object.entries(saved.answers).map(([id, a]) => [id, { ...a, photos: a.photos.map((p) => ({ ...p, localPath: this.photoSrc(p), progress: 100, failed: false })) }]))
    } catch {
      Taro.removeStorageSync(key)
    }
  }
}
