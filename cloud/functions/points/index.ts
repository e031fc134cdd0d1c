import { createMain, type WxServerSdk } from '../../wechat/root'

/** Cloud function `points`: `wx.cloud.callFunction({ name: 'points', data: { action, data } })`. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const main = createMain('points', () => require('wx-server-sdk') as WxServerSdk)
