import { makeAutoObservable, runInAction } from 'mobx'
import type { Unit } from '../../types/user'
import type { CloudClient } from '../services/cloud'

/** The responsible units (`user.units`), loaded once. */
export class UnitStore {
  units: Unit[] = []
  loaded = false

  constructor(private readonly client: CloudClient) {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  nameOf(id: string | null | undefined): string {
    if (!id) return ''
    return this.units.find((u) => u.id === id)?.name ?? ''
  }

  async load(force = false): Promise<void> {
    if (this.loaded && !force) return
    const units = await this.client.call('user', 'units', {})
    runInAction(() => {
      this.units = units
      this.loaded = true
    })
  }
}
