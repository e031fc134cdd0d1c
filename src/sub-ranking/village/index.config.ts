export default definePageConfig({ navigationBarTitleText: '村居详情', enablePullDownRefresh: true })
