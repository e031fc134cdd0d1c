import { makeAutoObservable, runInAction } from 'mobx'
import type { Message, NoticeSettings } from '../../types/user'
import { setNoticeTemplates } from '../services/subscribe'
import type { CloudClient } from '../services/cloud'

/** 站内消息 and the unread count shown on 我的. */
export class MessageStore {
  items: Message[] = []
  nextCursor: string | null = null
  unread = 0
  loading = false
  error: unknown = null
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

  /** 消息设置: stops or restarts a topic (`follow`: cases the user pressed 我也遇到 on). */
  async setMute(topic: 'follow', muted: boolean): Promise<void> {
    const settings = await this.client.call('user', 'setNoticeMute', { topic, muted })
    runInAction(() => (this.settings = settings))
  }

  /** 关注村居 (issue 25): follows or stops following a village (its weekly summary). */
  async followVillage(villageId: string, follow: boolean): Promise<void> {
    const settings = await this.client.call('user', 'followVillage', { villageId, follow })
    runInAction(() => (this.settings = settings))
  }

  /** 关注区域 (issue 25): a circle around a point, every category. */
  async followArea(point: { latitude: number; longitude: number }, radius: number): Promise<void> {
    const settings = await this.client.call('user', 'followArea', { latitude: point.latitude, longitude: point.longitude, radius, categories: [] })
    runInAction(() => (this.settings = settings))
  }

  async unfollowArea(id: string): Promise<void> {
    const settings = await this.client.call('user', 'unfollowArea', { id })
    runInAction(() => (this.settings = settings))
  }

  /** Records the answer of WeChat's request (`askForNotices`). */
  async recordConsent(results: Record<string, string>): Promise<void> {
    const settings = await this.client.call('user', 'noticeConsent', { results: results as Record<string, 'accept' | 'reject' | 'ban' | 'filter'> })
    runInAction(() => (this.settings = settings))
  }

  get hasMore(): boolean {
    return this.nextCursor !== null
  }

  async refreshUnread(): Promise<void> {
    const { count } = await this.client.call('user', 'unreadCount', {})
    runInAction(() => (this.unread = count))
  }

  /** Loads the first page (or the next one with `more`). */
  async load(more = false): Promise<void> {
    this.loading = true
    this.error = null
    try {
      const page = await this.client.call('user', 'messages', more && this.nextCursor ? { cursor: this.nextCursor } : {})
      runInAction(() => {
        this.items = more ? [...this.items, ...page.items] : page.items
        this.nextCursor = page.nextCursor
      })
    } catch (error) {
      runInAction(() => (this.error = error))
    } finally {
      runInAction(() => (this.loading = false))
    }
  }

  async markAllRead(): Promise<void> {
    const { count } = await this.client.call('user', 'readMessages', {})
    runInAction(() => {
      this.unread = count
      this.items = this.items.map((m) => ({ ...m, read: true }))
    })
  }
}
