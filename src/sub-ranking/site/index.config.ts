export default definePageConfig({ navigationBarTitleText: '点位测评' })
