import { makeAutoObservable, runInAction } from 'mobx'
import type { Region } from '../../types/ranking'
import type { CloudClient } from '../services/cloud'

/** Towns and villages of the district (`ranking.regions`), loaded once. */
export class RegionStore {
  regions: Region[] = []
  loaded = false

  constructor(private readonly client: CloudClient) {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  get towns(): Region[] {
    return this.regions.filter((r) => r.level === 'town')
  }

  get villages(): Region[] {
    return this.regions.filter((r) => r.level === 'village')
  }

  villagesOf(townId: string): Region[] {
    return this.villages.filter((v) => v.parentId === townId)
  }

  nameOf(id: string | null | undefined): string {
    if (!id) return ''
    return this.regions.find((r) => r.id === id)?.name ?? ''
  }

  /** "濮阳镇 · 幸福村" */
  fullNameOf(villageId: string | null | undefined): string {
    const village = this.regions.find((r) => r.id === villageId)
    if (!village) return ''
    const town = this.regions.find((r) => r.id === village.parentId)
    return town ? `${town.name} · ${village.name}` : village.name
  }

  async load(force = false): Promise<void> {
    if (this.loaded && !force) return
    const regions = await this.client.call('ranking', 'regions', {})
    runInAction(() => {
      this.regions = regions
      this.loaded = true
    })
  }
}
