import Taro from '@tarojs/taro'
import { createHttpClient, createWeChatClient, type CloudClient } from './cloud'

export const isWeApp = process.env.TARO_ENV === 'weapp'

const TOKEN_KEY = 'civic.token'

/** Session token persistence (local mode). */
export const tokenStorage = {
  get: (): string | null => (Taro.getStorageSync(TOKEN_KEY) as string) || null,
  set: (token: string) => Taro.setStorageSync(TOKEN_KEY, token),
  clear: () => Taro.removeStorageSync(TOKEN_KEY)
}

/** Same-origin API in H5 (the local server serves the build); WeChat Cloud in the mini-program. */
export const API_BASE = API_BASE_URL

/** The cloud client of this platform; created once by the app's composition root. */
export function createPlatformClient(): CloudClient {
  if (isWeApp) return createWeChatClient(CLOUD_ENV_ID)
  return createHttpClient(API_BASE, tokenStorage.get)
}
