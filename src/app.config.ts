import { SIGN_IN_PAGE, SUBPACKAGES, TAB_PAGES } from './routes'

const tabs = [
  { pagePath: TAB_PAGES.report, text: '随手拍', icon: 'report' },
  { pagePath: TAB_PAGES.volunteer, text: '志愿', icon: 'volunteer' },
  { pagePath: TAB_PAGES.ranking, text: '排行', icon: 'ranking' },
  { pagePath: TAB_PAGES.me, text: '我的', icon: 'me' }
]

export default defineAppConfig({
  pages: [...Object.values(TAB_PAGES), ...(process.env.TARO_ENV === 'h5' ? [SIGN_IN_PAGE] : [])],
  subPackages: Object.values(SUBPACKAGES)
    .map((pkg) => ({ root: pkg.root, pages: Object.values(pkg.pages) as string[] }))
    .filter((pkg) => pkg.pages.length > 0),
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '文明家园',
    navigationBarTextStyle: 'white'
  },
  tabBar: {
    color: '#5c5c5c',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: tabs.map((t) => ({
      pagePath: t.pagePath,
      text: t.text,
      iconPath: `assets/tab/${t.icon}.png`,
      selectedIconPath: `assets/tab/${t.icon}-active.png`
    }))
  },
  permission: {
    'scope.userLocation': { desc: '用于在随手拍中定位问题发生的位置' }
  },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  // WeChat's privacy check (用户隐私保护指引): privacy APIs wait for consent, asked through
  // onNeedPrivacyAuthorization (app.tsx, components/PrivacyPrompt).
  __usePrivacyCheck__: true
})
