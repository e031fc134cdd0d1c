import type { WxServerSdk } from '../../wechat/root'
import { createConsoleLoginMain, type TicketSdk } from '../../wechat/consoleLogin'

/**
 * Cloud function `consoleLogin`: 扫码登录管理后台 for the console on static hosting, through HTTP
 * access only (cloud/wechat/consoleLogin.ts; docs/deploy.md). Its environment variables:
 * `CONSOLE_LOGIN_KEY` (the 自定义登录 private key's JSON) and `CONSOLE_ORIGIN`.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const main = createConsoleLoginMain(() => require('wx-server-sdk') as WxServerSdk, () => require('@cloudbase/node-sdk') as TicketSdk)
