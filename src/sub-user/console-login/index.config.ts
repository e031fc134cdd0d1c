export default definePageConfig({ navigationBarTitleText: '扫码登录管理后台' })
