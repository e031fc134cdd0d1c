import type { ResultOf } from '../../types/contract'
import { makeAutoObservable, runInAction } from 'mobx'
import type { Activity, DriveOutcome, OutcomeResult, Signup } from '../../types/volunteer'
import type { Report } from '../../types/report'
import type { CloudClient } from '../services/cloud'
import { CloudError } from '../services/http'
import { currentPosition } from '../services/location'
import { useStore } from './root'

type Drive = Activity & { mySignup: Signup | null }
type Leaderboard = ResultOf<'volunteer', 'leaderboard'>
type Certificate = ResultOf<'volunteer', 'certificate'>

/**
 * Cleanup drives: the open drive and what the volunteer does with it, my drives, the leaderboard.
 * Only sub-volunteer pages use it (`useVolunteer`); the 志愿 tab's list is VolunteerListStore.
 */
export class VolunteerStore {
  drive: Drive | null = null
  roster: Signup[] = []
  /** The open drive's linked cases with what it recorded for each (issue 15). */
  driveCases: (Report & { outcome: DriveOutcome | null })[] = []
  mine: (Signup & { activity: Activity })[] = []
  leaderboard: Leaderboard | null = null
  scope: 'month' | 'all' = 'month'
  certificate: Certificate | null = null
  error: unknown = null
  busy = false

  constructor(
    private readonly client: CloudClient,
    private readonly position: () => Promise<{ latitude: number; longitude: number }> = currentPosition
  ) {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  async loadDrive(id: string): Promise<void> {
    this.error = null
    try {
      const drive = await this.client.call('volunteer', 'get', { id })
      runInAction(() => (this.drive = drive))
    } catch (error) {
      runInAction(() => (this.error = error))
    }
  }

  private async act(run: () => Promise<unknown>): Promise<void> {
    this.busy = true
    try {
      await run()
      if (this.drive) await this.loadDrive(this.drive.id)
    } finally {
      runInAction(() => (this.busy = false))
    }
  }

  signup = () => this.act(() => this.client.call('volunteer', 'signup', { activityId: this.drive!.id }))
  cancel = () => this.act(() => this.client.call('volunteer', 'cancel', { activityId: this.drive!.id }))
  checkIn = (code: string) => this.act(() => this.onSite((location) => this.client.call('volunteer', 'checkIn', { activityId: this.drive!.id, code, ...location })))
  checkOut = (code: string) => this.act(() => this.onSite((location) => this.client.call('volunteer', 'checkOut', { activityId: this.drive!.id, code, ...location })))

  /**
   * Where the district requires volunteers to be at the meeting point, the server asks for the
   * position (CONFLICT on the field `location`): the call is made again with it.
   */
  private async onSite<T>(call: (location: { location?: { latitude: number; longitude: number } }) => Promise<T>): Promise<T> {
    try {
      return await call({})
    } catch (error) {
      if (!(error instanceof CloudError) || error.code !== 'CONFLICT' || error.field !== 'location') throw error
      let location: { latitude: number; longitude: number }
      try {
        location = await this.position()
      } catch {
        throw new CloudError({ code: 'CONFLICT', message: '无法获取位置，请在设置中允许定位后再签到' })
      }
      return call({ location })
    }
  }
  async loadDriveCases(id: string): Promise<void> {
    const { items } = await this.client.call('volunteer', 'driveCases', { activityId: id })
    runInAction(() => (this.driveCases = items))
  }

  /** The organizer's outcome per linked case: fixed with after-photos, or not fixed with a note. */
  async recordOutcome(outcomes: { reportId: string; fixed: boolean; photos?: string[]; note?: string }[]): Promise<OutcomeResult[]> {
    const id = this.drive!.id
    let results: OutcomeResult[] = []
    await this.act(async () => (results = (await this.client.call('volunteer', 'recordOutcome', { activityId: id, outcomes })).results))
    await this.loadDriveCases(id)
    return results
  }

  cancelDrive = (reason: string) => this.act(() => this.client.call('volunteer', 'cancelActivity', { id: this.drive!.id, reason }))

  create(input: { title: string; description: string; villageId: string; address: string; startAt: string; endAt: string; capacity: number; reportIds?: string[] }) {
    return this.client.call('volunteer', 'create', input)
  }

  async loadRoster(id: string): Promise<void> {
    const { items } = await this.client.call('volunteer', 'roster', { activityId: id })
    runInAction(() => (this.roster = items))
  }

  /** 未到场 (issue 25): the organizer marks (or takes back) a confirmed volunteer who never came, after the drive; the roster is read again. */
  async markNoShow(activityId: string, userId: string, noShow: boolean): Promise<void> {
    await this.client.call('volunteer', 'markNoShow', { activityId, userId, noShow })
    await this.loadRoster(activityId)
  }

  exportRoster(id: string) {
    return this.client.call('volunteer', 'exportRoster', { activityId: id })
  }

  async loadMine(): Promise<void> {
    const page = await this.client.call('volunteer', 'mine', { limit: 50 })
    runInAction(() => (this.mine = page.items))
  }

  /** Why no certificate can be issued yet: no credited hours, or no real name (the page asks for it). */
  certificateBlocked: { reason: 'hours' | 'realName'; message: string } | null = null

  /** Issues (or answers the issued) 志愿服务证明; an expected refusal is kept in `certificateBlocked`. */
  async loadCertificate(): Promise<void> {
    try {
      const certificate = await this.client.call('volunteer', 'certificate', {})
      runInAction(() => Object.assign(this, { certificate, certificateBlocked: null }))
    } catch (e) {
      if (!(e instanceof CloudError) || !(e.code === 'CONFLICT' || (e.code === 'INVALID_INPUT' && e.field === 'realName'))) throw e
      runInAction(() => Object.assign(this, { certificate: null, certificateBlocked: { reason: e.code === 'CONFLICT' ? 'hours' : 'realName', message: e.message } }))
    }
  }

  verifyCertificate(number: string) {
    return this.client.call('volunteer', 'verifyCertificate', { number })
  }

  /** True when this month had no hours yet and the board fell back to 累计 by itself. */
  fellBackToAll = false

  /** Loads the board; without a scope chosen, an empty month falls back to 累计 (all time). */
  async loadLeaderboard(scope?: 'month' | 'all'): Promise<void> {
    const asked = scope ?? this.scope
    let board = await this.client.call('volunteer', 'leaderboard', { scope: asked, limit: 50 })
    let fellBack = false
    if (!scope && asked === 'month' && board.items.length === 0) {
      board = await this.client.call('volunteer', 'leaderboard', { scope: 'all', limit: 50 })
      fellBack = true
    }
    runInAction(() => {
      this.scope = fellBack ? 'all' : asked
      this.fellBackToAll = fellBack
      this.leaderboard = board
    })
  }
}

/** The drives' store of the app's RootStore, built by the first sub-volunteer page that asks for it. */
export function useVolunteer(): VolunteerStore {
  return useStore().lazy('volunteer', (root) => new VolunteerStore(root.client))
}
