import { makeAutoObservable, runInAction } from 'mobx'
import type { Activity, ActivityStatus } from '../../types/volunteer'
import type { CloudClient } from '../services/cloud'

/** The 志愿 tab: the cleanup drives, all or the home village's, by status (the rest: stores/volunteer.ts). */
export class VolunteerListStore {
  list: Activity[] = []
  listLoaded = false
  villageOnly = false
  status: ActivityStatus | '' = ''
  error: unknown = null

  constructor(private readonly client: CloudClient) {
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
}
