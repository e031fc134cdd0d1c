export default definePageConfig({ navigationBarTitleText: '我的测评点位', enablePullDownRefresh: true })
