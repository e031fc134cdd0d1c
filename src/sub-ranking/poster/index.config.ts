export default definePageConfig({ navigationBarTitleText: '分享榜单' })
