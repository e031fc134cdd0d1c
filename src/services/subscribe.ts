import Taro from '@tarojs/taro'
import type { NoticeTemplate, NoticeTopic } from '../../types/user'
import { isWeApp } from './platform'

/**
 * Subscribe-message (订阅消息) template ids of the mini-program, set at build time with
 * CIVIC_SUBSCRIBE_TEMPLATES (comma-separated): asked for until the district's templates are
 * known (`user.noticeSettings`, `setNoticeTemplates`). Empty and none known: the app asks nothing
 * and users get 站内消息 only.
 */
export const SUBSCRIBE_TEMPLATE_IDS: string[] = (typeof SUBSCRIBE_TEMPLATES === 'string' ? SUBSCRIBE_TEMPLATES : '').split(',').filter(Boolean)

/** WeChat shows at most three templates in one request. */
const PER_REQUEST = 3

let known: NoticeTemplate[] = []
let recordAnswers: ((results: Record<string, string>) => Promise<unknown>) | null = null

/** The district's templates (from `user.noticeSettings`) and how to record the user's answers (`user.noticeConsent`). */
export function setNoticeTemplates(templates: NoticeTemplate[], record: (results: Record<string, string>) => Promise<unknown>): void {
  known = templates
  recordAnswers = record
}

/** The templates asked for at a moment: the topic's (the district's), else the build's ids. */
export function templateIdsFor(topic?: NoticeTopic): string[] {
  const ids = known.length ? known.filter((t) => !topic || t.topic === topic).map((t) => t.id) : SUBSCRIBE_TEMPLATE_IDS
  return ids.slice(0, PER_REQUEST)
}

/**
 * Asks the user (WeChat only) to agree to notifications — `case`: their case's progress and what
 * they follow; `drive`: a drive they joined; `work` (staff): new cases and 工作提示. WeChat shows
 * the request only from a tap: call this first thing in the tap handler, before any `await`
 * (after one it is refused). The answer is recorded on the server (one push per agreement of a
 * one-time template, every push of a long-term one). It never fails the caller; declining leaves 站内消息.
 */
export function askForNotices(topic?: NoticeTopic): Promise<void> {
  const ids = templateIdsFor(topic)
  if (!isWeApp || !ids.length) return Promise.resolve()
  try {
    return Promise.resolve(Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] } as never)).then(async (answer) => {
      const results = Object.fromEntries(ids.flatMap((id) => {
        const value = (answer as unknown as Record<string, unknown>)?.[id]
        return typeof value === 'string' && ['accept', 'reject', 'ban', 'filter'].includes(value) ? [[id, value]] : []
      }))
      if (recordAnswers && Object.keys(results).length) await recordAnswers(results)
    }).then(() => undefined, () => undefined)
  } catch {
    return Promise.resolve()
  }
}
