import { createMain, type WxServerSdk } from '../../wechat/root'

/** Cloud function `volunteer`: `wx.cloud.callFunction({ name: 'volunteer', data: { action, data } })`. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const main = createMain('volunteer', () => require('wx-server-sdk') as WxServerSdk)
