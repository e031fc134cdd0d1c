import { makeAutoObservable, runInAction } from 'mobx'
import type { Message } from '../../types/user'
import type { CloudClient } from '../services/cloud'

/** 站内消息 and the unread count shown on 我的. */
export class MessageStore {
  items: Message[] = []
  nextCursor: string | null = null
  unread = 0
  loading = false
  error: unknown = null

  constructor(private readonly client: CloudClient) {
    makeAutoObservable(this, {}, { autoBind: true })
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
