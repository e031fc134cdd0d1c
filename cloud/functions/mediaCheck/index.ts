import { createMediaCheckMain, type WxServerSdk } from '../../wechat/root'

/**
 * Cloud function `mediaCheck`: 云开发控制台 → 设置 → 消息推送, event `wxa_media_check` → this function
 * (docs/deploy.md). The verdicts of `security.mediaCheckAsync` on case photos arrive here.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const main = createMediaCheckMain(() => require('wx-server-sdk') as WxServerSdk)
