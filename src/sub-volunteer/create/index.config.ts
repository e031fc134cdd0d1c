export default definePageConfig({ navigationBarTitleText: '发起志愿活动' })
