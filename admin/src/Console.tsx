import { useCallback, useEffect, useMemo, useState } from 'react'
import { Breadcrumb, Button, Layout, Menu, Result, Space, Spin, Tag, Typography } from 'antd'
import type { Unit, User } from '../../types/user'
import { ROLE_NAMES } from '../../types/names'
import type { Backend } from './api'
import { mayUseConsole, SessionContext, type Session } from './session'
import { SignIn } from './pages/SignIn'
import { CasesPage } from './pages/CasesPage'
import { OperationLogPage } from './pages/OperationLogPage'
import { GeographyPage } from './pages/GeographyPage'
import { Open311Page } from './pages/Open311Page'
import { DashboardPage } from './pages/DashboardPage'
import { PeoplePage } from './pages/PeoplePage'
import { ReferencePage } from './pages/ReferencePage'
import { EvaluationPage } from './pages/EvaluationPage'
import { BulletinPage } from './pages/BulletinPage'
import { ShopPage } from './pages/ShopPage'
import { CampaignPage } from './pages/CampaignPage'
import { HouseholdsPage } from './pages/HouseholdsPage'

type PageKey = 'dashboard' | 'cases' | 'people' | 'log' | 'geo' | 'open311' | 'reference' | 'evaluation' | 'campaign' | 'bulletin' | 'shop' | 'households'
/** The menu's pages; `trail` is the page's place in the breadcrumb after 首页 (its section, then its own name). */
const PAGES: { key: PageKey; label: string; adminOnly: boolean; trail: string[] }[] = [
  { key: 'dashboard', label: '仪表盘', adminOnly: false, trail: ['仪表盘'] },
  { key: 'cases', label: '工单', adminOnly: false, trail: ['工单管理', '工单列表'] },
  { key: 'people', label: '人员', adminOnly: true, trail: ['系统管理', '人员管理'] },
  { key: 'log', label: '操作日志', adminOnly: true, trail: ['系统管理', '操作日志'] },
  { key: 'geo', label: '村居地理', adminOnly: true, trail: ['基础数据', '村居地理'] },
  { key: 'open311', label: '外部系统接入', adminOnly: true, trail: ['系统管理', '外部系统接入'] },
  { key: 'reference', label: '基础数据', adminOnly: true, trail: ['基础数据', '单位、类别与村居'] },
  { key: 'evaluation', label: '测评', adminOnly: false, trail: ['测评管理', '月度测评'] },
  { key: 'campaign', label: '创文测评', adminOnly: false, trail: ['测评管理', '创文测评'] },
  { key: 'bulletin', label: '月度通报', adminOnly: false, trail: ['测评管理', '月度通报'] },
  { key: 'shop', label: '积分超市', adminOnly: true, trail: ['积分管理', '积分超市'] },
  // the 文明办 and 网格员 who are staff rate their villages (the server decides which)
  { key: 'households', label: '文明户评选', adminOnly: false, trail: ['测评管理', '文明户评选'] }
]

/** The page of the address's hash: `#/dashboard` (the landing page), `#/cases`, `#/people`, `#/log`, `#/geo`. */
const pageOf = (hash: string): PageKey => (PAGES.find((p) => hash === `#/${p.key}` || hash.startsWith(`#/${p.key}/`))?.key ?? 'dashboard')
/** `#/bulletin/2026-10`: the month of the 通报 (default: last month). */
const bulletinPeriod = (hash: string) => /^#\/bulletin\/(\d{4}-\d{2})$/.exec(hash)?.[1] ?? lastMonth()
const lastMonth = () => {
  const d = new Date(new Date().getFullYear(), new Date().getMonth() - 1, 1)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`
}

/** The console: sign-in, then the side menu and the page of the hash. */
export function Console({ backend }: { backend: Backend }) {
  const [user, setUser] = useState<User | null>(null)
  const [units, setUnits] = useState<Unit[]>([])
  const [restoring, setRestoring] = useState(true)
  const [page, setPage] = useState<PageKey>(() => pageOf(location.hash))
  // the whole hash: a page's own part (the 通报's month) changes it without changing the page
  const [hash, setHash] = useState(() => location.hash)

  const signOut = useCallback(() => {
    backend.signOut()
    setUser(null)
  }, [backend])
  const client = useMemo(() => backend.createClient(signOut), [backend, signOut])

  useEffect(() => {
    const onHash = () => {
      setPage(pageOf(location.hash))
      setHash(location.hash)
    }
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])

  // a reload of the tab keeps the session: the kept session, if it still names staff or an admin
  useEffect(() => {
    if (!restoring) return
    let live = true
    backend
      .hasSession()
      .then((kept) => (kept ? client.call('user', 'me', {}).then((me) => (mayUseConsole(me) ? live && setUser(me) : backend.signOut())) : undefined))
      .catch(() => backend.signOut())
      .finally(() => live && setRestoring(false))
    return () => {
      live = false
    }
  }, [backend, client, restoring])

  const reloadUnits = useCallback(() => client.call('user', 'units', {}).then(setUnits, () => setUnits([])), [client])
  useEffect(() => {
    if (user) void reloadUnits()
  }, [reloadUnits, user])

  const session = useMemo<Session | null>(() => {
    if (!user) return null
    const names = new Map(units.map((u) => [u.id, u.name]))
    return { user, client, units, unitName: (id) => (id ? names.get(id) ?? id : '—'), reloadUnits, signOut }
  }, [user, client, units, reloadUnits, signOut])

  if (restoring) return <Spin fullscreen tip='正在恢复登录…' />
  // signed in: the user as `user.me` answers it (with what the server says they may, e.g. dispatch)
  if (!session) return <SignIn backend={backend} onSignedIn={(u) => { setUser(u); void client.call('user', 'me', {}).then(setUser, () => undefined) }} />

  const isAdmin = session.user.role === 'admin'
  const allowed = PAGES.filter((p) => isAdmin || !p.adminOnly)
  const current = PAGES.find((p) => p.key === page)!
  const go = (key: string) => {
    location.hash = `#/${key}`
  }

  return (
    <SessionContext.Provider value={session}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider theme='light' width={200} breakpoint='lg' collapsedWidth={0}>
          <div className='console-brand'>文明家园 · 管理后台</div>
          <nav aria-label='主菜单'>
            <Menu mode='inline' selectedKeys={[page]} items={allowed.map((p) => ({ key: p.key, label: p.label }))} onClick={(e) => go(e.key)} />
          </nav>
        </Layout.Sider>
        <Layout>
          <Layout.Header className='console-header'>
            <Space>
              <span className='console-user'>{session.user.nickname}</span>
              <Tag color={isAdmin ? '#a50f15' : '#0958d9'}>{ROLE_NAMES[session.user.role]}</Tag>
              {session.user.unitId && <span>{session.unitName(session.user.unitId)}</span>}
              <Button onClick={signOut}>退出</Button>
            </Space>
          </Layout.Header>
          <Layout.Content className='console-content'>
            <PageTrail trail={current.trail} home={page !== 'dashboard'} />
            {current.adminOnly && !isAdmin ? (
              <Result status='403' title='仅管理员可以查看' subTitle={`「${current.label}」仅向文明办管理员开放。`} />
            ) : page === 'dashboard' ? (
              <DashboardPage />
            ) : page === 'people' ? (
              <PeoplePage />
            ) : page === 'log' ? (
              <OperationLogPage />
            ) : page === 'geo' ? (
              <GeographyPage />
            ) : page === 'open311' ? (
              <Open311Page />
            ) : page === 'reference' ? (
              <ReferencePage />
            ) : page === 'evaluation' ? (
              <EvaluationPage />
            ) : page === 'campaign' ? (
              <CampaignPage />
            ) : page === 'shop' ? (
              <ShopPage />
            ) : page === 'households' ? (
              <HouseholdsPage />
            ) : page === 'bulletin' ? (
              <BulletinPage period={bulletinPeriod(hash)} />
            ) : (
              <CasesPage />
            )}
          </Layout.Content>
        </Layout>
      </Layout>
    </SessionContext.Provider>
  )
}

/** 首页 / 工单管理 / 工单列表: where the page is; 首页 leads to the dashboard. */
function PageTrail({ trail, home }: { trail: string[]; home: boolean }) {
  const items = [{ title: home ? <a href='#/dashboard'>首页</a> : '首页' }, ...trail.map((title) => ({ title }))]
  return (
    <div className='console-breadcrumb' data-testid='breadcrumb'>
      <Breadcrumb items={items} aria-label='当前位置' />
    </div>
  )
}

/** A page's heading (one h1 per page). */
export function PageTitle({ children }: { children: string }) {
  return (
    <Typography.Title level={1} className='console-page-title'>
      {children}
    </Typography.Title>
  )
}
