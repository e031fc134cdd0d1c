import Taro from '@tarojs/taro'
import { createHttpClient, createWeChatClient, tokenRenewer, type CloudClient, type TokenPairStore } from './cloud'

export const isWeApp = process.env.TARO_ENV === 'weapp'

const TOKEN_KEY = 'civic.token'
const REFRESH_KEY = 'civic.refresh'

/** Session tokens (local mode): the two-hour access token and the thirty-day refresh token. */
export const tokenStorage: TokenPairStore = {
  get: (): string | null => (Taro.getStorageSync(TOKEN_KEY) as string) || null,
  getRefresh: (): string | null => (Taro.getStorageSync(REFRESH_KEY) as string) || null,
  set: (token: string, refreshToken?: string) => {
    Taro.setStorageSync(TOKEN_KEY, token)
    if (refreshToken) Taro.setStorageSync(REFRESH_KEY, refreshToken)
  },
  clear: () => {
    Taro.removeStorageSync(TOKEN_KEY)
    Taro.removeStorageSync(REFRESH_KEY)
  }
}

/** Same-origin API in H5 (the local server serves the build); WeChat Cloud in the mini-program. */
export const API_BASE = API_BASE_URL

/** The cloud client of this platform; created once by the app's composition root. */
export function createPlatformClient(): CloudClient {
  // written out (not `isWeApp`), so that webpack drops the other platform's client at build time
  return process.env.TARO_ENV === 'weapp'
    ? createWeChatClient(CLOUD_ENV_ID)
    : createHttpClient(API_BASE, tokenStorage.get, tokenRenewer(API_BASE, tokenStorage))
}
