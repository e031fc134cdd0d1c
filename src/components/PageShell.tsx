import { useEffect, type ReactNode } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, Empty, Loading } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { messageOf } from '../services/feedback'
import { useStore } from '../stores/root'
import { route } from '../routes'
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
  /** Pull-to-refresh and the retry button call this (the page config must enable pull-down refresh). */
  onRefresh?: () => Promise<unknown> | void
  /** Pages that need a signed-in user (all but sign-in) restore or ask for the session first. */
  requireSignIn?: boolean
  className?: string
  children?: ReactNode
}

/** The one page frame: session gate, loading, empty and error states, pull-to-refresh. */
export const PageShell = observer(function PageShell(props: PageShellProps) {
  const { session, ui } = useStore()
  const { loading, error, empty, emptyText, onRefresh, requireSignIn = true, className, children } = props

  useEffect(() => {
    if (requireSignIn && session.state === 'unknown') void session.restore().catch(() => undefined)
  }, [requireSignIn, session, session.state])

  useEffect(() => {
    if (requireSignIn && session.state === 'signedOut' && !isWeApp) void Taro.reLaunch({ url: route.signIn })
  }, [requireSignIn, session.state])

  // H5: the page container scrolls; make it reachable from the keyboard (WCAG scrollable regions).
  useEffect(() => {
    if (isWeApp || typeof document === 'undefined') return
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
      </View>
    )
  }
  return frame(children)
})
