import type { CloudClient } from '../services/cloud'
import type { MessageStore } from './messages'
import { useStore } from './root'

/**
 * 消息设置's changes (sub-user's 消息设置, sub-ranking's village page): each keeps the settings the
 * server answers in the main package's MessageStore, which 我的 and the pages read.
 */
export class NoticeSettingsStore {
  constructor(private readonly client: CloudClient, private readonly messages: MessageStore) {}

  /** 消息设置: stops or restarts a topic (`follow`: cases the user pressed 我也遇到 on). */
  async setMute(topic: 'follow', muted: boolean): Promise<void> {
    this.messages.setSettings(await this.client.call('user', 'setNoticeMute', { topic, muted }))
  }

  /** 关注村居 (issue 25): follows or stops following a village (its weekly summary). */
  async followVillage(villageId: string, follow: boolean): Promise<void> {
    this.messages.setSettings(await this.client.call('user', 'followVillage', { villageId, follow }))
  }

  /** 关注区域 (issue 25): a circle around a point, every category. */
  async followArea(point: { latitude: number; longitude: number }, radius: number): Promise<void> {
    this.messages.setSettings(await this.client.call('user', 'followArea', { latitude: point.latitude, longitude: point.longitude, radius, categories: [] }))
  }

  async unfollowArea(id: string): Promise<void> {
    this.messages.setSettings(await this.client.call('user', 'unfollowArea', { id }))
  }
}

/** The settings' changes for the app's RootStore (one, whichever subpackage builds it first). */
export function useNoticeSettings(): NoticeSettingsStore {
  return useStore().lazy('noticeSettings', (root) => new NoticeSettingsStore(root.client, root.messages))
}
