import { makeAutoObservable, runInAction } from 'mobx'
import type { Activity, ActivityStatus, Signup } from '../../types/volunteer'
import type { CloudClient } from '../services/cloud'
import { CloudError } from '../services/http'
import { currentPosition } from '../services/location'

type Drive = Activity & { mySignup: Signup | null }
type Leaderboard = { items: { rank: number; nickname: string; minutes: number }[]; me: { rank: number | null; minutes: number } }
type Certificate = { name: string; hours: number; drives: number; issuer: string; number: string; date: string }

/** Cleanup drives: the list, the open drive and what the volunteer does with it, my drives, the leaderboard. */
export class VolunteerStore {
  list: Activity[] = []
  listLoaded = false
  villageOnly = false
  status: ActivityStatus | '' = ''
  drive: Drive | null = null
  roster: Signup[] = []
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

  async loadList(villageId: string | null): Promise<void> {
    this.error = null
    try {
      const page = await this.client.call('volunteer', 'list', {
        limit: 50,
        ...(this.villageOnly && villageId ? { villageId } : {}),
        ...(this.status ? { status: this.status } : {})
      })
      runInAction(() => {
        this.list = page.items
        this.listLoaded = true
      })
    } catch (error) {
      runInAction(() => (this.error = error))
    }
  }

  setStatus(status: ActivityStatus | '', villageId: string | null): void {
    this.status = status
    void this.loadList(villageId)
  }

  setVillageOnly(on: boolean, villageId: string | null): void {
    this.villageOnly = on
    void this.loadList(villageId)
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
  cancelDrive = (reason: string) => this.act(() => this.client.call('volunteer', 'cancelActivity', { id: this.drive!.id, reason }))

  create(input: { title: string; description: string; villageId: string; address: string; startAt: string; endAt: string; capacity: number; reportIds?: string[] }) {
    return this.client.call('volunteer', 'create', input)
  }

  async loadRoster(id: string): Promise<void> {
    const { items } = await this.client.call('volunteer', 'roster', { activityId: id })
    runInAction(() => (this.roster = items))
  }

  exportRoster(id: string) {
    return this.client.call('volunteer', 'exportRoster', { activityId: id })
  }

  async loadMine(): Promise<void> {
    const [page, certificate] = await Promise.all([this.client.call('volunteer', 'mine', { limit: 50 }), this.client.call('volunteer', 'certificate', {})])
    runInAction(() => {
      this.mine = page.items
      this.certificate = certificate
    })
  }

  async loadLeaderboard(scope: 'month' | 'all' = this.scope): Promise<void> {
    const board = await this.client.call('volunteer', 'leaderboard', { scope, limit: 50 })
    runInAction(() => {
      this.scope = scope
      this.leaderboard = board
    })
  }
}
