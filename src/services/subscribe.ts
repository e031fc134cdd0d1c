import Taro from '@tarojs/taro'
import { isWeApp } from './platform'

/**
 * Subscribe-message (订阅消息) template ids of the mini-program, set at build time with
 * CIVIC_SUBSCRIBE_TEMPLATES (comma-separated; the same ids as the cloud's SUBSCRIBE_TEMPLATES).
 * Empty: the app asks nothing and users get 站内消息 only.
 */
export const SUBSCRIBE_TEMPLATE_IDS: string[] = SUBSCRIBE_TEMPLATES.split(',').filter(Boolean)

/** Asks the user (WeChat only) to agree to progress notifications; never fails the caller. */
export async function askForProgressNotices(): Promise<void> {
  if (!isWeApp || !SUBSCRIBE_TEMPLATE_IDS.length) return
  try {
    await Taro.requestSubscribeMessage({ tmplIds: SUBSCRIBE_TEMPLATE_IDS, entityIds: [] } as never)
  } catch {
    // declined or unavailable: 站内消息 still arrive
  }
}
