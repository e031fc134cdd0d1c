import { makeAutoObservable, runInAction } from 'mobx'
import type { Message } from '../../types/user'
import type { CloudClient } from '../services/cloud'
import type { MessageStore } from './messages'
import { useStore } from './root'

/** 站内消息, page by page; reading them all sets the unread count of 我的 (MessageStore). */
export class InboxStore {
  items: Message[] = []
  nextCursor: string | null = null
  loading = false
  error: unknown = null

  constructor(private readonly client: CloudClient, private readonly messages: MessageStore) {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  get hasMore(): boolean {
    return this.nextCursor !== null
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
      this.messages.setUnread(count)
      this.items = this.items.map((m) => ({ ...m, read: true }))
    })
  }
}

/** The inbox of the app's RootStore, built by the messages page (sub-user) on first use. */
export function useInbox(): InboxStore {
  return useStore().lazy('inbox', (root) => new InboxStore(root.client, root.messages))
}
