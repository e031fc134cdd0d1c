import { makeAutoObservable, runInAction } from 'mobx'
import type { BoardRow, Star, VillagePage } from '../../types/ranking'
import type { CloudClient } from '../services/cloud'
import { useStore } from './root'

/** One village's page. */
export class VillageStore {
  page: VillagePage | null = null
  error: unknown = null

  constructor(private readonly client: CloudClient) {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  async load(villageId: string): Promise<void> {
    this.error = null
    try {
      const page = await this.client.call('ranking', 'village', { villageId })
      runInAction(() => (this.page = page))
    } catch (error) {
      runInAction(() => (this.error = error))
    }
  }

  async setStar(star: VillagePage['stars'][number], awarded: boolean): Promise<void> {
    if (!this.page) return
    const { stars } = await this.client.call('ranking', 'setStar', { villageId: this.page.village.id, star, awarded })
    runInAction(() => this.page && (this.page.stars = stars))
  }
}

/** Admin: 五星支部 stars of every village of a town, listed in the order of the latest board. */
export class StarAdminStore {
  townId = ''
  period = ''
  rows: BoardRow[] = []
  loaded = false
  error: unknown = null
  /** `villageId:star` of toggles waiting for the server. */
  pending: string[] = []

  constructor(private readonly client: CloudClient) {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  async load(townId = this.townId): Promise<void> {
    this.townId = townId
    this.error = null
    try {
      const { periods } = await this.client.call('ranking', 'periods', {})
      const period = periods[0]
      const board = period ? await this.client.call('ranking', 'board', { period, ...(townId ? { townId } : {}) }) : null
      runInAction(() => {
        if (this.townId !== townId) return
        this.period = period ?? ''
        this.rows = board?.rows ?? []
        this.loaded = true
      })
    } catch (error) {
      runInAction(() => (this.error = error))
    }
  }

  setTown(townId: string): void {
    void this.load(townId)
  }

  isPending(villageId: string, star: Star): boolean {
    return this.pending.includes(`${villageId}:${star}`)
  }

  /** Awards or withdraws one star; the row shows what the server answers. */
  async toggle(villageId: string, star: Star, awarded: boolean): Promise<void> {
    const key = `${villageId}:${star}`
    if (this.pending.includes(key)) return
    this.pending.push(key)
    try {
      const { stars } = await this.client.call('ranking', 'setStar', { villageId, star, awarded })
      runInAction(() => {
        const row = this.rows.find((r) => r.villageId === villageId)
        if (row) row.stars = stars
      })
    } finally {
      runInAction(() => (this.pending = this.pending.filter((k) => k !== key)))
    }
  }
}

// Only sub-ranking pages use these stores: they are built there on first use (RootStore.lazy).

/** The village page's store of the app's RootStore. */
export function useVillage(): VillageStore {
  return useStore().lazy('village', (root) => new VillageStore(root.client))
}

/** 五星支部 (admin) of the app's RootStore. */
export function useStarAdmin(): StarAdminStore {
  return useStore().lazy('starAdmin', (root) => new StarAdminStore(root.client))
}
