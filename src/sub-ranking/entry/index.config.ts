export default definePageConfig({ navigationBarTitleText: '录入测评' })
