import { makeAutoObservable } from 'mobx'

/** Display preferences. 长辈模式 arrives with the accessibility issue; the flag lives here. */
export class UiStore {
  elder = false

  constructor() {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  setElder(on: boolean): void {
    this.elder = on
  }
}
