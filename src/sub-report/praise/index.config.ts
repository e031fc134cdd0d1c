export default definePageConfig({ navigationBarTitleText: '文明点赞墙', enablePullDownRefresh: true })
