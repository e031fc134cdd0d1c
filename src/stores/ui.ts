import Taro from '@tarojs/taro'
import { makeAutoObservable } from 'mobx'
import type { SessionStore } from './session'

/** WeChat's default font size setting (px); larger means the user asked for bigger text. */
const DEFAULT_SYSTEM_FONT = 17

function systemFontSize(): number {
  try {
    return Number((Taro.getSystemInfoSync() as { fontSizeSetting?: number }).fontSizeSetting) || DEFAULT_SYSTEM_FONT
  } catch {
    return DEFAULT_SYSTEM_FONT
  }
}

/**
 * Display preferences: 长辈模式 is remembered per user on the server (user.elderMode); a large
 * system font setting in WeChat enlarges text as well, even without it.
 */
export class UiStore {
  readonly systemFont = systemFontSize()

  constructor(private readonly session: SessionStore) {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  get elder(): boolean {
    return this.session.user?.elderMode ?? false
  }

  get largeSystemFont(): boolean {
    return this.systemFont > DEFAULT_SYSTEM_FONT
  }

  /** CSS classes for the page frame. */
  get pageClass(): string {
    return [this.elder ? 'elder' : '', this.largeSystemFont ? 'large-system-font' : ''].filter(Boolean).join(' ')
  }

  async setElder(on: boolean): Promise<void> {
    await this.session.updateProfile({ elderMode: on })
  }
}
