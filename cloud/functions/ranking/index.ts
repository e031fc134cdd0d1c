import { createMain, type WxServerSdk } from '../../wechat/root'

/** Cloud function `ranking`: `wx.cloud.callFunction({ name: 'ranking', data: { action, data } })`. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const main = createMain('ranking', () => require('wx-server-sdk') as WxServerSdk)
