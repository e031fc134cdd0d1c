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
 * Stores 站内消息 through `store` — inside a transaction, its `tx` — and answers them, to be
 * published once the transaction has committed. Nothing leaves the server here: a transaction
 * callback may run again (CloudBase re-runs it on a conflict) or roll back.
 */
export async function record(deps: Pick<Deps, 'clock'>, store: Store, outgoing: Outgoing[]): Promise<StoredMessage[]> {
  const now = deps.clock()
  const stored: StoredMessage[] = outgoing.map((m) => ({ id: newId(), link: null, ...m, createdAt: now }))
  for (const message of stored) await store.messages.insert(message)
  return stored
}

/**
 * Pushes committed messages as WeChat subscribe messages where the platform can, then marks them
 * pushed. Best effort: a failed push never fails the action; it stays in the outbox and the
 * deadline sweep tries it again (`pushPending`).
 */
export async function publish(deps: Pick<Deps, 'store' | 'push' | 'log'>, messages: StoredMessage[]): Promise<void> {
  if (!messages.length) return
  const pushed: string[] = []
  for (const message of messages) {
    try {
      await deps.push.send(message)
      pushed.push(message.id)
    } catch (error) {
      deps.log('subscribe message push failed', error)
    }
  }
  try {
    await deps.store.messages.markPushed(pushed)
  } catch (error) {
    deps.log('could not mark messages pushed', error) // the sweep may push them once more
  }
}

/** Stores and publishes messages outside any transaction. */
export async function deliver(deps: Pick<Deps, 'clock' | 'store' | 'push' | 'log'>, outgoing: Outgoing[]): Promise<StoredMessage[]> {
  const stored = await record(deps, deps.store, outgoing)
  await publish(deps, stored)
  return stored
}

/** How long after its commit a message is left to the action that made it before the sweep pushes it. */
export const PUSH_GRACE_MS = 2 * 60_000
/** Pushes older than this are given up (a subscribe message about yesterday helps nobody). */
export const PUSH_GIVE_UP_MS = 24 * 3600_000

/** The outbox sweep: pushes messages that committed but were not pushed (a crash, a failed push). */
export async function pushPending(deps: Pick<Deps, 'clock' | 'store' | 'push' | 'log'>): Promise<number> {
  const now = deps.clock().getTime()
  const pending = await deps.store.messages.pendingPush(new Date(now - PUSH_GIVE_UP_MS), new Date(now - PUSH_GRACE_MS), 200)
  await publish(deps, pending)
  return pending.length
}

export function toMessage(deps: Pick<Deps, 'config'>, m: StoredMessage & { read: boolean }): Message {
  return { id: m.id, kind: m.kind, title: m.title, body: m.body, link: m.link, createdAt: isoLocal(m.createdAt, deps.config), read: m.read }
}

export async function listMessages(deps: Pick<Deps, 'store' | 'config'>, openid: string, cursor: string | undefined, limit = 20): Promise<Page<Message>> {
  const page = await deps.store.messages.list(openid, cursor, limit)
  return { items: page.items.map((m) => toMessage(deps, m)), nextCursor: page.nextCursor }
}
