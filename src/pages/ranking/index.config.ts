export default definePageConfig({ navigationBarTitleText: '村居排行', enablePullDownRefresh: true })
