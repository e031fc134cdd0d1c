import Taro from '@tarojs/taro'
import { PRIVACY_STORAGE_KEY } from '../privacy'
import { route } from '../routes'
import type { ConsentStorage, PrivacyStore } from '../stores/privacy'
import { isWeApp } from './platform'

/** H5: the accepted policy version, in Taro storage (localStorage as `{"data":"<version>"}`). */
export const consentStorage: ConsentStorage = {
  get: () => (Taro.getStorageSync(PRIVACY_STORAGE_KEY) as string) || null,
  set: (version) => Taro.setStorageSync(PRIVACY_STORAGE_KEY, version)
}

/**
 * WeChat: hands every `onNeedPrivacyAuthorization` to the store, whose popup the pages show.
 * Does nothing elsewhere (H5, jest) or on base libraries older than 2.32.3, which lack the API.
 */
export function listenForPrivacyRequests(privacy: PrivacyStore): void {
  if (!isWeApp || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  Taro.onNeedPrivacyAuthorization((resolve) => privacy.request(resolve))
}

/** The full guide: WeChat's own page of the guide declared in the mp backend; in H5 the app's page. */
export function openPrivacyGuide(): void {
  if (isWeApp) Taro.openPrivacyContract({ fail: () => void Taro.navigateTo({ url: route.privacy }) })
  else void Taro.navigateTo({ url: route.privacy })
}
