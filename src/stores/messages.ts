import { makeAutoObservable, runInAction } from 'mobx'
import type { NoticeSettings } from '../../types/user'
import { setNoticeTemplates } from '../services/subscribe'
import type { CloudClient } from '../services/cloud'

/**
 * The unread count shown on 我的 and the notice settings (the templates the app asks for). The
 * messages themselves (stores/inbox.ts) and the settings' changes (stores/noticeSettings.ts) are
 * built in the subpackages whose pages use them.
 */
export class MessageStore {
  unread = 0
  /** 我的 → 消息设置: the district's templates and the user's consents (null until loaded). */
  settings: NoticeSettings | null = null

  constructor(private readonly client: CloudClient) {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  /** Loads the templates (the app asks for them at the right moments) and the user's consents. */
  async loadSettings(): Promise<void> {
    const settings = await this.client.call('user', 'noticeSettings', {})
    setNoticeTemplates(settings.templates, (results) => this.recordConsent(results))
    runInAction(() => (this.settings = settings))
  }

  /** Records the answer of WeChat's request (`askForNotices`). */
  async recordConsent(results: Record<string, string>): Promise<void> {
    const settings = await this.client.call('user', 'noticeConsent', { results: results as Record<string, 'accept' | 'reject' | 'ban' | 'filter'> })
    runInAction(() => (this.settings = settings))
  }

  async refreshUnread(): Promise<void> {
    const { count } = await this.client.call('user', 'unreadCount', {})
    runInAction(() => (this.unread = count))
  }

  setUnread(count: number): void {
    this.unread = count
  }

  /** The settings as the server answered a change (消息设置, stores/noticeSettings.ts). */
  setSettings(settings: NoticeSettings): void {
    this.settings = settings
  }
}
