import { createMain, type WxServerSdk } from '../../wechat/root'

/** Cloud function `user`: `wx.cloud.callFunction({ name: 'user', data: { action, data } })`. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const main = createMain('user', () => require('wx-server-sdk') as WxServerSdk)
