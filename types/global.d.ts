/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.jpg'
declare module '*.svg'
declare module '*.scss'
declare module '*.css'

/** Build-time constants (config/index.ts defineConstants). */
declare const API_BASE_URL: string
declare const CLOUD_ENV_ID: string
declare const SUBSCRIBE_TEMPLATES: string
/** JSON `{ name, address, phone, email }` of the district's 运营者 for the 隐私保护指引 ('' = the demo's). */
declare const OPERATOR_INFO: string

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn' | 'rn'
  }
}
