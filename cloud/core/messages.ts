import type { Page } from '../../types/common'
import type { Message } from '../../types/user'
import type { Deps } from './context'
import type { Store, StoredMessage } from './ports'
import { newId } from './ids'
import { isoLocal } from './time'

/** A message to one user, before it is stored. */
export interface Outgoing {
  openid: string
  kind: string
  title: string
  body: string
  link?: string | null
}

/**
 * Stores 站内消息 (through `store`, which may be a transaction's) and pushes each as a WeChat
 * subscribe message where the platform can (best effort: a failed push never fails the action).
 */
export async function deliver(deps: Pick<Deps, 'clock' | 'push' | 'log'>, store: Store, outgoing: Outgoing[]): Promise<void> {
  const now = deps.clock()
  const stored: StoredMessage[] = outgoing.map((m) => ({ id: newId(), link: null, ...m, createdAt: now }))
  for (const message of stored) await store.messages.insert(message)
  for (const message of stored) {
    try {
      await deps.push.send(message)
    } catch (error) {
      deps.log('subscribe message push failed', error)
    }
  }
}

export function toMessage(deps: Pick<Deps, 'config'>, m: StoredMessage & { read: boolean }): Message {
  return { id: m.id, kind: m.kind, title: m.title, body: m.body, link: m.link, createdAt: isoLocal(m.createdAt, deps.config), read: m.read }
}

export async function listMessages(deps: Pick<Deps, 'store' | 'config'>, openid: string, cursor: string | undefined, limit = 20): Promise<Page<Message>> {
  const page = await deps.store.messages.list(openid, cursor, limit)
  return { items: page.items.map((m) => toMessage(deps, m)), nextCursor: page.nextCursor }
}
