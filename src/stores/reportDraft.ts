import Taro from '@tarojs/taro'
import { makeAutoObservable, runInAction } from 'mobx'
import type { Located, Report, ReportCategory } from '../../types/report'
import { checkAnswers, DESCRIPTION, type CategoryQuestion } from '../../types/names'
import type { CloudClient } from '../services/cloud'
import { useStore } from './root'
import { DRAFT_KEY, type ReportCategoryStore } from './reportCategories'

export interface DraftPhoto {
  localPath: string
  fileId: string | null
  progress: number
  failed: boolean
}

interface SavedDraft {
  clientId: string
  category: string
  description: string
  anonymous: boolean
  address: string
  proposedAddress?: string
  latitude: string
  longitude: string
  photos: { localPath: string; fileId: string | null }[]
  answers?: Record<string, string>
}

const NEARBY_RADIUS = 250

const newClientId = () => `r-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`

/**
 * The report being written (随手拍): kept in storage until it is submitted, so it survives closing
 * the app; its client id stays the same across retries, so the server never files it twice.
 * Only sub-report pages use it (`useReportDraft`): the 随手拍 tab sees the categories and whether a
 * draft waits through the main package's ReportCategoryStore, which this store keeps up to date.
 */
export class ReportDraftStore {
  clientId = newClientId()
  category = ''
  description = ''
  /** Answers to the chosen category's own questions, by question code (issue 27). */
  answers: Record<string, string> = {}
  anonymous = false
  address = ''
  latitude = ''
  longitude = ''
  photos: DraftPhoto[] = []
  nearby: Report[] = []
  checkedNearby = false
  submitting = false
  /** Where the problem is (`report.locate`) for the current point; null until asked. */
  place: Located | null = null
  /** Why the point has no village (e.g. outside the district), or ''. */
  placeError = ''
  /** The village the reporter chose among the place's choices; '' keeps the located one. */
  villageChoice = ''
  /** The place in words last proposed as the address (issue 24): replaced by the next proposal until she edits it. */
  proposedAddress = ''
  /** The point `place` was asked for, so a late answer for an older point is dropped. */
  private placeFor = ''

  constructor(private readonly client: CloudClient, private readonly shared: ReportCategoryStore) {
    makeAutoObservable(this, {}, { autoBind: true })
    this.restore()
    shared.setDraftCategory(this.category)
  }

  /** The report categories (loaded once, shared with the 随手拍 tab). */
  get categories(): ReportCategory[] {
    return this.shared.categories
  }

  get groups(): { group: string; items: ReportCategory[] }[] {
    const groups: { group: string; items: ReportCategory[] }[] = []
    for (const c of this.categories) {
      const g = groups.find((x) => x.group === c.group) ?? groups[groups.push({ group: c.group, items: [] }) - 1]!
      g.items.push(c)
    }
    return groups
  }

  get location(): { latitude: number; longitude: number } | null {
    const latitude = Number(this.latitude)
    const longitude = Number(this.longitude)
    if (this.latitude === '' || this.longitude === '' || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return null
    if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null
    return { latitude, longitude }
  }

  get descriptionError(): string {
    // The contract's rule (types/report `createReportInput`): trimmed length within DESCRIPTION's
    // limits, and none at all when a photo shows the problem (issue 24)
    const length = this.description.trim().length
    if (length === 0 && this.photos.length > 0) return ''
    return length < DESCRIPTION.min ? DESCRIPTION.tooShort : length > DESCRIPTION.max ? DESCRIPTION.tooLong : ''
  }

  /** The chosen category's own questions (基础数据), asked after its description. */
  get questions(): CategoryQuestion[] {
    return this.categories.find((c) => c.code === this.category)?.questions ?? []
  }

  /** The contract's one rule for answers (types/names `checkAnswers`): the first problem, or ''. */
  get answersError(): string {
    const checked = checkAnswers(this.questions, this.answers)
    return checked.ok ? '' : checked.message
  }

  setAnswer(code: string, value: string): void {
    this.answers = { ...this.answers, [code]: value }
    this.save()
  }

  get uploading(): boolean {
    return this.photos.some((p) => !p.fileId && !p.failed)
  }

  /** What is still missing before the draft can be submitted, or '' when it is ready. */
  get problem(): string {
    if (!this.category) return '请选择问题类别'
    if (this.photos.length === 0) return '请至少添加 1 张照片'
    if (this.uploading) return '照片上传中…'
    if (this.photos.some((p) => p.failed)) return '有照片上传失败，请重试或删除'
    if (!this.location) return '请定位或填写经纬度'
    if (this.placeError) return this.placeError
    return this.descriptionError || this.answersError
  }

  /** The village the case will be filed in: the reporter's choice, else the located one. */
  get problemVillage(): { id: string; name: string; townName: string } | null {
    const choices = this.place?.choices ?? []
    return choices.find((c) => c.id === this.villageChoice) ?? this.place?.village ?? null
  }

  /** Asks the cloud which village and town the current point is in (and which are near it). */
  async locate(): Promise<void> {
    const location = this.location
    const key = location ? `${location.latitude},${location.longitude}` : ''
    if (key === this.placeFor) return
    this.placeFor = key
    if (!location) {
      runInAction(() => Object.assign(this, { place: null, placeError: '', villageChoice: '' }))
      return
    }
    try {
      const place = await this.client.call('report', 'locate', location)
      if (this.placeFor !== key) return
      runInAction(() => {
        this.place = place
        this.placeError = ''
        if (!place.choices.some((c) => c.id === this.villageChoice)) this.villageChoice = ''
        // the place in words fills the address unless she wrote her own (issue 24)
        if (!this.address.trim() || this.address === this.proposedAddress) {
          this.address = place.address ?? ''
          this.proposedAddress = place.address ?? ''
          this.save()
        }
      })
    } catch (e) {
      if (this.placeFor !== key) return
      runInAction(() => {
        this.place = null
        this.villageChoice = ''
        this.placeError = e instanceof Error && e.message ? e.message : '无法确定问题所在村居'
      })
    }
  }

  chooseVillage(villageId: string): void {
    this.villageChoice = villageId
  }

  loadCategories(): Promise<void> {
    return this.shared.loadCategories()
  }

  set<K extends 'category' | 'description' | 'anonymous' | 'address' | 'latitude' | 'longitude'>(key: K, value: this[K]): void {
    this[key] = value
    if (key === 'category' || key === 'latitude' || key === 'longitude') this.checkedNearby = false
    this.save()
  }

  setLocation(latitude: number, longitude: number, address?: string): void {
    this.latitude = latitude.toFixed(6)
    this.longitude = longitude.toFixed(6)
    if (address) this.address = address
    this.checkedNearby = false
    this.save()
  }

  /** Adds photos (already compressed by the picker) and uploads each with its own progress. */
  addPhotos(paths: string[]): void {
    const room = 9 - this.photos.length
    for (const localPath of paths.slice(0, room)) {
      this.photos.push({ localPath, fileId: null, progress: 0, failed: false })
      void this.upload(localPath)
    }
  }

  removePhoto(localPath: string): void {
    this.photos = this.photos.filter((p) => p.localPath !== localPath)
    this.save()
  }

  async upload(localPath: string): Promise<void> {
    const photo = () => this.photos.find((p) => p.localPath === localPath)
    runInAction(() => Object.assign(photo() ?? {}, { failed: false, progress: 0 }))
    try {
      const fileId = await this.client.upload(localPath, (percent) => runInAction(() => Object.assign(photo() ?? {}, { progress: percent })))
      runInAction(() => Object.assign(photo() ?? {}, { fileId, progress: 100 }))
      this.save()
    } catch {
      runInAction(() => Object.assign(photo() ?? {}, { failed: true }))
    }
  }

  /** Open cases of the same category within 250 m, to offer 我也遇到 instead of a duplicate. */
  async checkNearby(): Promise<Report[]> {
    const location = this.location
    if (!location || !this.category) return []
    const { items } = await this.client.call('report', 'nearby', { ...location, radius: NEARBY_RADIUS, category: this.category })
    runInAction(() => {
      this.nearby = items
      this.checkedNearby = true
    })
    return items
  }

  /** What she entered that 我也遇到 carries to the case as a 补充 (issue 24): her words and her uploaded photos. */
  get supplement(): { note?: string; photos?: string[] } {
    const note = this.description.trim()
    const photos = this.photos.map((p) => p.fileId).filter((f): f is string => !!f)
    return { ...(note ? { note } : {}), ...(photos.length ? { photos } : {}) }
  }

  /**
   * 我也遇到 on a case nearby, carrying her words and photos (with the draft's key: a retry adds
   * nothing). The draft is cleared only once it succeeded; a failure keeps it all.
   */
  async support(id: string): Promise<Report> {
    this.submitting = true
    try {
      const report = await this.client.call('report', 'support', { id, clientId: this.clientId, ...this.supplement })
      this.reset()
      return report
    } finally {
      runInAction(() => (this.submitting = false))
    }
  }

  async submit(): Promise<Report> {
    const location = this.location
    if (!location) throw new Error(this.problem)
    this.submitting = true
    try {
      const report = await this.client.call('report', 'create', {
        clientId: this.clientId,
        category: this.category,
        ...(this.description.trim() ? { description: this.description.trim() } : {}),
        photos: this.photos.map((p) => p.fileId!).filter(Boolean),
        location: { ...location, ...(this.address.trim() ? { address: this.address.trim() } : {}) },
        // the located village is the server's own answer for the point; only a correction is sent
        ...(this.villageChoice && this.villageChoice !== this.place?.village?.id ? { villageId: this.villageChoice } : {}),
        anonymous: this.anonymous,
        // only the chosen category's questions are answered (a changed category leaves others behind)
        ...(this.questions.length ? { answers: Object.fromEntries(this.questions.filter((q) => (this.answers[q.code] ?? '').trim()).map((q) => [q.code, this.answers[q.code]!.trim()])) } : {})
      })
      this.reset()
      return report
    } finally {
      runInAction(() => (this.submitting = false))
    }
  }

  reset(): void {
    this.clientId = newClientId()
    this.category = ''
    this.description = ''
    this.answers = {}
    this.anonymous = false
    this.address = ''
    this.latitude = ''
    this.longitude = ''
    this.photos = []
    this.nearby = []
    this.checkedNearby = false
    this.place = null
    this.placeError = ''
    this.villageChoice = ''
    this.placeFor = ''
    this.proposedAddress = ''
    Taro.removeStorageSync(DRAFT_KEY)
    this.shared.setDraftCategory('')
  }

  private save(): void {
    const draft: SavedDraft = {
      clientId: this.clientId,
      category: this.category,
      description: this.description,
      anonymous: this.anonymous,
      address: this.address,
      proposedAddress: this.proposedAddress,
      latitude: this.latitude,
      longitude: this.longitude,
      answers: this.answers,
      photos: this.photos.filter((p) => p.fileId).map((p) => ({ localPath: p.localPath, fileId: p.fileId }))
    }
    Taro.setStorageSync(DRAFT_KEY, JSON.stringify(draft))
    this.shared.setDraftCategory(this.category)
  }

  private restore(): void {
    try {
      const raw = Taro.getStorageSync(DRAFT_KEY) as string
      if (!raw) return
      const d = JSON.parse(raw) as SavedDraft
      Object.assign(this, { ...d, answers: d.answers ?? {}, proposedAddress: d.proposedAddress ?? '', photos: d.photos.map((p) => ({ ...p, progress: 100, failed: false })) })
    } catch {
      Taro.removeStorageSync(DRAFT_KEY)
    }
  }
}

/** The report draft of the app's RootStore, built by the first sub-report page that asks for it. */
export function useReportDraft(): ReportDraftStore {
  return useStore().lazy('reportDraft', (root) => new ReportDraftStore(root.client, root.reportCategories))
}
