import { makeAutoObservable, runInAction } from 'mobx'
import { districtTime } from '../services/time'
import { DRIVE_LIMITS as L } from '../../types/names'
import type { Activity } from '../../types/volunteer'
import type { CloudClient } from '../services/cloud'

const DATE = /^\d{4}-\d{2}-\d{2}$/
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

/** A date and time typed in the district's time as its ISO time (+08:00). */
export const districtIso = (date: string, time: string) => `${date}T${time}:00+08:00`

/** Where a drive form starts: empty, from a cluster of cases (发起清理), or an existing drive. */
export interface DrivePrefill {
  reportIds?: string[]
  address?: string
  villageId?: string
}

/**
 * The staff form to create or edit a cleanup drive. It checks what it can before sending (the
 * server checks everything again and its answer decides) and sends to `create`, or for an edit
 * only the fields that changed to `update`.
 */
export class DriveForm {
  editing: Activity | null = null
  title = ''
  description = ''
  townId = ''
  villageId = ''
  address = ''
  /** Tomorrow in the district. */
  date = districtTime(new Date(Date.now() + 24 * 3600_000).toISOString(), 'YYYY-MM-DD')
  start = '09:00'
  end = '11:00'
  capacity = '20'
  reportIds: string[] = []
  location: { latitude: number; longitude: number } | null = null
  saving = false
  loadError: unknown = null
  /** One per form: a retried 发布 (a lost answer, a double tap) creates the drive once. */
  readonly clientId = `d-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`

  constructor(private readonly client: CloudClient) {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  prefill(p: DrivePrefill): void {
    this.reportIds = [...new Set(p.reportIds ?? [])]
    if (this.reportIds.length) this.title = this.reportIds.length > 1 ? `随手拍问题集中清理（${this.reportIds.length} 处）` : '随手拍问题志愿清理'
    if (p.address) this.address = p.address
    if (p.villageId) this.villageId = p.villageId
  }

  /** Loads a drive to edit: every field from what is stored, times in the district's time. */
  async edit(id: string): Promise<void> {
    try {
      const d = await this.client.call('volunteer', 'get', { id })
      runInAction(() => {
        this.editing = d
        this.title = d.title
        this.description = d.description
        this.villageId = d.villageId
        this.address = d.address
        this.date = d.startAt.slice(0, 10)
        this.start = d.startAt.slice(11, 16)
        this.end = d.endAt.slice(11, 16)
        this.capacity = String(d.capacity)
        this.reportIds = d.reportIds
        this.location = d.location
      })
    } catch (error) {
      runInAction(() => (this.loadError = error))
    }
  }

  set<K extends 'title' | 'description' | 'townId' | 'villageId' | 'address' | 'date' | 'start' | 'end' | 'capacity'>(key: K, value: string): void {
    this[key] = value
    if (key === 'townId') this.villageId = ''
  }

  setLocation(p: { latitude: number; longitude: number } | null): void {
    this.location = p ? { latitude: Math.round(p.latitude * 1e6) / 1e6, longitude: Math.round(p.longitude * 1e6) / 1e6 } : null
  }

  /** The first thing that keeps the form from being sent, in words for the organizer; null when ready. */
  get problem(): string | null {
    if (this.title.trim().length < L.title.min) return `请填写活动标题（至少 ${L.title.min} 个字）`
    if (!this.villageId) return '请选择村居'
    if (this.address.trim().length < L.address.min) return '请填写集合地点'
    if (!DATE.test(this.date) || Number.isNaN(Date.parse(districtIso(this.date, '00:00')))) return '日期格式应为 YYYY-MM-DD'
    if (!TIME.test(this.start) || !TIME.test(this.end)) return '时间格式应为 HH:mm'
    if (this.end <= this.start) return '结束时间必须晚于开始时间'
    const capacity = Number(this.capacity)
    if (!Number.isInteger(capacity) || capacity < L.capacity.min || capacity > L.capacity.max) return `招募人数应为 ${L.capacity.min}–${L.capacity.max} 人`
    if (this.editing && capacity < this.editing.confirmedCount) return `已有 ${this.editing.confirmedCount} 人报名，人数不能少于已报名人数`
    return null
  }

  private get fields() {
    return {
      title: this.title.trim(),
      description: this.description.trim(),
      address: this.address.trim(),
      startAt: districtIso(this.date, this.start),
      endAt: districtIso(this.date, this.end),
      capacity: Number(this.capacity)
    }
  }

  /** Creates the drive, or saves the changed fields of the one being edited; answers the drive. */
  async save(): Promise<Activity> {
    this.saving = true
    try {
      const f = this.fields
      const d = this.editing
      if (!d) {
        return await this.client.call('volunteer', 'create', {
          ...f, villageId: this.villageId, clientId: this.clientId,
          ...(this.reportIds.length ? { reportIds: this.reportIds } : {}),
          ...(this.location ? { location: this.location } : {})
        })
      }
      const same = (a: string, b: string) => Date.parse(a) === Date.parse(b)
      const samePoint = JSON.stringify(this.location) === JSON.stringify(d.location)
      return await this.client.call('volunteer', 'update', {
        id: d.id,
        ...(f.title !== d.title ? { title: f.title } : {}),
        ...(f.description !== d.description ? { description: f.description } : {}),
        ...(f.address !== d.address ? { address: f.address } : {}),
        ...(!same(f.startAt, d.startAt) ? { startAt: f.startAt } : {}),
        ...(!same(f.endAt, d.endAt) ? { endAt: f.endAt } : {}),
        ...(f.capacity !== d.capacity ? { capacity: f.capacity } : {}),
        ...(samePoint ? {} : { location: this.location })
      })
    } finally {
      runInAction(() => (this.saving = false))
    }
  }
}
