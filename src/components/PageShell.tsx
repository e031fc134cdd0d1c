import { useEffect, useState, type ReactNode } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Btn as Button, Empty, Loading } from './ui'
import { observer } from 'mobx-react-lite'
import { messageOf } from '../services/feedback'
import { useStore } from '../stores/root'
import { route, TAB_PAGES, SIGN_IN_PAGE } from '../routes'
import { isWeApp } from '../services/platform'
import { PrivacyPopup } from './PrivacyPrompt'
import './PageShell.scss'

export interface PageShellProps {
  /** Shown while true and nothing has loaded yet. */
  loading?: boolean
  /** A load failure: shown with a retry button instead of the content. */
  error?: unknown
  /** True when loaded but there is nothing to show. */
  empty?: boolean
  emptyText?: string
  /** What to do about an empty state: a button under its message (e.g. 去随手拍). */
  emptyAction?: { label: string; onClick: () => void }
  /** Pull-to-refresh and the retry button call this (the page config must enable pull-down refresh). */
  onRefresh?: () => Promise<unknown> | void
  /** Pages that need a signed-in user (all but sign-in) restore or ask for the session first. */
  requireSignIn?: boolean
  className?: string
  children?: ReactNode
}

/** The one page frame: session gate, loading, empty and error states, pull-to-refresh. */
export const PageShell = observer(function PageShell(props: PageShellProps) {
  const { session, ui, messages } = useStore()
  const { loading, error, empty, emptyText, emptyAction, onRefresh, requireSignIn = true, className, children } = props
  // Which page this frame belongs to, taken when it mounts (the current instance moves on with navigation).
  const [here] = useState(currentPage)
  const { path, title } = here
  const isTab = (Object.values(TAB_PAGES) as string[]).includes(path)

  // The 我的 tab carries the unread count of 站内消息 (shown whenever a tab page is).
  useDidShow(() => {
    if (isTab && session.signedIn) void messages.refreshUnread().then(() => showUnreadBadge(messages.unread)).catch(() => undefined)
  })
  useEffect(() => {
    if (isTab && session.signedIn) showUnreadBadge(messages.unread)
  }, [isTab, session.signedIn, messages.unread])
  // the district's subscribe-message templates, once a session: the taps that ask for them cannot wait (issue 25)
  useEffect(() => {
    if (isWeApp && session.signedIn && !messages.settings) void messages.loadSettings().catch(() => undefined)
  }, [session.signedIn, messages])

  useEffect(() => {
    if (requireSignIn && session.state === 'unknown') void session.restore().catch(() => undefined)
  }, [requireSignIn, session, session.state])

  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp' && requireSignIn && session.state === 'signedOut') void Taro.reLaunch({ url: route.signIn })
  }, [requireSignIn, session.state])

  // H5: the page container scrolls; make it reachable from the keyboard (WCAG scrollable regions).
  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp' || typeof document === 'undefined') return
    document.querySelectorAll('.taro_page:not([tabindex])').forEach((p) => p.setAttribute('tabindex', '0'))
  })

  usePullDownRefresh(async () => {
    try {
      await onRefresh?.()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  // WeChat: the privacy popup lives in every page frame (a mini-program shows nothing outside pages).
  const frame = (content: ReactNode) => (
    <View className={`page-shell ${ui.pageClass} ${className ?? ''}`}>
      {/* (the platform test written out: the mini-program build drops the title bar's code) */}
      {process.env.TARO_ENV !== 'weapp' && !isTab && path !== SIGN_IN_PAGE && <TitleBar title={title} />}
      {content}
      {isWeApp && <PrivacyPopup />}
    </View>
  )

  if (requireSignIn && !session.signedIn) {
    return frame(
      session.state === 'signedOut' && isWeApp ? (
        <View className='page-shell__state'>
          <Text>登录失败，请检查网络</Text>
          <Button type='primary' onClick={() => void session.restore()}>重新登录</Button>
        </View>
      ) : (
        <View className='page-shell__state'><Loading>正在登录…</Loading></View>
      )
    )
  }
  if (error) {
    return frame(
      <View className='page-shell__state' role='alert'>
        <Empty image={<View className='page-shell__art page-shell__art--error' aria-hidden />} title='加载失败' description={messageOf(error)} />
        {onRefresh && <Button type='primary' onClick={() => void onRefresh()}>重试</Button>}
      </View>
    )
  }
  if (loading) return frame(<View className='page-shell__state'><Loading>加载中…</Loading></View>)
  if (empty) {
    return frame(
      <View className='page-shell__state'>
        <Empty image={<View className='page-shell__art' aria-hidden />} description={emptyText ?? '暂无内容'} />
        {emptyAction && <Button type='primary' className='page-shell__empty-action' onClick={emptyAction.onClick}>{emptyAction.label}</Button>}
      </View>
    )
  }
  return frame(children)
})

/** The page being mounted: its path (no leading slash) and the title its config gives it. */
function currentPage(): { path: string; title: string } {
  const instance = Taro.getCurrentInstance()
  const page = instance.page as { config?: { navigationBarTitleText?: string } } | undefined
  return {
    path: (instance.router?.path ?? '').replace(/^\//, '').split('?')[0] ?? '',
    title: page?.config?.navigationBarTitleText ?? (typeof document !== 'undefined' ? document.title : '')
  }
}

/** The 我的 tab's badge: the number of unread messages, none at 0 (index 3 in app.config's tab list). */
function showUnreadBadge(count: number): void {
  const done = count > 0 ? Taro.setTabBarBadge({ index: 3, text: count > 99 ? '99+' : String(count) }) : Taro.removeTabBarBadge({ index: 3 })
  void Promise.resolve(done).catch(() => undefined)
}

/**
 * H5 sub-pages: a title bar with 返回, as WeChat's navigation bar gives the mini-program (the
 * browser build has none). A page opened directly, with nothing to go back to, returns to 随手拍.
 */
function TitleBar({ title }: { title: string }) {
  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.reLaunch({ url: route.report })
  }
  return (
    <View className='title-bar'>
      <Button className='title-bar__back' fill='none' aria-label='返回上一页' onClick={back}>‹ 返回</Button>
      <View className='title-bar__title' role='heading' aria-level={1}>{title}</View>
    </View>
  )
}
