/** The build's settings (Vite replaces them at build time; docs/console.md, "Production"). */
interface ImportMetaEnv {
  /** The CloudBase environment id: set, the console talks to CloudBase through the web SDK. */
  readonly VITE_CLOUDBASE_ENV?: string
  /** Its region (default ap-shanghai). */
  readonly VITE_CLOUDBASE_REGION?: string
  /** The HTTP access address of the function `consoleLogin` (扫码登录), e.g. https://<env>.service.tcloudbase.com/console-login */
  readonly VITE_CONSOLE_LOGIN_URL?: string
}
interface ImportMeta {
  readonly env: ImportMetaEnv
}
