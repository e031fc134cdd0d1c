import type { Page } from '../../types/common'
import type { Message } from '../../types/user'
import type { Deps } from './context'
import type { Store, StoredMessage } from './ports'
import { newId } from './ids'
import { isoLocal } from './time'
import type { Config, NoticeTemplateConfig } from './config'

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

/** The template a message goes out with: the first naming its kind, else the first naming its prefix (`report`); none: 站内消息 only. */
export function templateFor(config: Pick<Config, 'noticeTemplates'>, kind: string): NoticeTemplateConfig | null {
  const templates = config.noticeTemplates ?? []
  const prefix = kind.split('.')[0] ?? ''
  return templates.find((t) => t.kinds.includes(kind)) ?? templates.find((t) => t.kinds.includes(prefix)) ?? null
}

/**
 * Pushes committed messages as WeChat subscribe messages where the user agreed to the message's
 * template (issue 25): a long-term consent pushes every message, a one-time consent one message
 * per tap agreed (its credit is taken before the push and given back if the push fails). Every
 * message is a 站内消息 anyway: one without a template or a consent, or refused by WeChat (43101,
 * which also marks the consent used up), stays that and leaves the outbox. Best effort: a push
 * that fails otherwise never fails the action; it stays in the outbox and the deadline sweep
 * tries it again (`pushPending`).
 */
export async function publish(deps: Pick<Deps, 'store' | 'push' | 'log' | 'config' | 'clock'>, messages: StoredMessage[]): Promise<void> {
  if (!messages.length) return
  const settled: string[] = []
  try {
    const wanted = messages.map((m) => ({ message: m, template: templateFor(deps.config, m.kind) }))
    const keys = wanted.flatMap((w) => (w.template ? [{ openid: w.message.openid, templateId: w.template.id }] : []))
    const consents = keys.length ? await deps.store.notices.consentsOf(keys) : []
    const consentOf = (openid: string, templateId: string) => consents.find((c) => c.openid === openid && c.templateId === templateId)
    for (const { message, template } of wanted) {
      const consent = template ? consentOf(message.openid, template.id) : undefined
      if (!template || !consent || consent.status !== 'accepted') {
        settled.push(message.id) // 站内消息 only
        continue
      }
      // a one-time consent allows one push per tap: taken before, so two publishes never spend one twice
      const once = template.kind === 'once'
      if (once && !(await deps.store.notices.takeCredit(message.openid, template.id))) {
        settled.push(message.id)
        continue
      }
      try {
        const outcome = await deps.push.send(message, template)
        if (outcome === 'refused') await deps.store.notices.refused(message.openid, template.id, deps.clock())
        if (outcome === 'invalid') deps.log('subscribe message not accepted by WeChat (template or data)', { kind: message.kind, template: template.id })
        settled.push(message.id)
      } catch (error) {
        if (once) await deps.store.notices.returnCredit(message.openid, template.id).catch(() => undefined)
        deps.log('subscribe message push failed', error)
      }
    }
  } catch (error) {
    deps.log('subscribe messages not published', error) // the sweep tries the rest again
  }
  try {
    await deps.store.messages.markPushed(settled)
  } catch (error) {
    deps.log('could not mark messages pushed', error) // the sweep may push them once more
  }
}

/** Stores and publishes messages outside any transaction. */
export async function deliver(deps: Pick<Deps, 'clock' | 'store' | 'push' | 'log' | 'config'>, outgoing: Outgoing[]): Promise<StoredMessage[]> {
  const stored = await record(deps, deps.store, outgoing)
  await publish(deps, stored)
  return stored
}

/** How long after its commit a message is left to the action that made it before the sweep pushes it. */
export const PUSH_GRACE_MS = 2 * 60_000
/** Pushes older than this are given up (a subscribe message about yesterday helps nobody). */
export const PUSH_GIVE_UP_MS = 24 * 3600_000

/** The outbox sweep: pushes messages that committed but were not pushed (a crash, a failed push). */
export async function pushPending(deps: Pick<Deps, 'clock' | 'store' | 'push' | 'log' | 'config'>): Promise<number> {
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
