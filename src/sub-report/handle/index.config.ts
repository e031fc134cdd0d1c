export default definePageConfig({ navigationBarTitleText: '处理工单', enablePullDownRefresh: true })
