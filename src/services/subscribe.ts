import Taro from '@tarojs/taro'
import { isWeApp } from './platform'

/**
 * Subscribe-message (订阅消息) template ids of the mini-program, set at build time with
 * CIVIC_SUBSCRIBE_TEMPLATES (comma-separated; the same ids as the cloud's SUBSCRIBE_TEMPLATES).
 * Empty: the app asks nothing and users get 站内消息 only.
 */
export const SUBSCRIBE_TEMPLATE_IDS: string[] = (typeof SUBSCRIBE_TEMPLATES === 'string' ? SUBSCRIBE_TEMPLATES : '').split(',').filter(Boolean)

/**
 * Asks the user (WeChat only) to agree to notifications — of their case's progress, of a drive
 * they joined, or (staff) of new cases. WeChat shows the request only from a tap: call this
 * first thing in the tap handler, before any `await` (after one it is refused). It never fails
 * the caller; declining leaves 站内消息.
 */
export function askForNotices(): Promise<void> {
  if (!isWeApp || !SUBSCRIBE_TEMPLATE_IDS.length) return Promise.resolve()
  try {
    return Promise.resolve(Taro.requestSubscribeMessage({ tmplIds: SUBSCRIBE_TEMPLATE_IDS, entityIds: [] } as never)).then(() => undefined, () => undefined)
  } catch {
    return Promise.resolve()
  }
}
