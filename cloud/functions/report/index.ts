import { createMain, type WxServerSdk } from '../../wechat/root'

/** Cloud function `report`: `wx.cloud.callFunction({ name: 'report', data: { action, data } })`. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const main = createMain('report', () => require('wx-server-sdk') as WxServerSdk)
