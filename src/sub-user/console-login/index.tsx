import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Btn as Button } from '../../components/ui'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { isWeApp } from '../../services/platform'
import { messageOf } from '../../services/feedback'
import { route } from '../../routes'
import type { ConsoleLoginRequest } from '../../../types/user'
import { requestIn } from './link'
import './index.scss'

const opened = (): { id: string; code: string } | null => {
  const params = Taro.getCurrentInstance().router?.params ?? {}
  if (params.q) return requestIn(params.q)
  return params.id && params.code ? requestIn(`?id=${params.id}&code=${params.code}`) : null
}

/** `2026-11-24T19:07:00.000+08:00` → `2026-11-24 19:07:00`: the district's time as the server gave it. */
const shown = (iso: string) => iso.slice(0, 19).replace('T', ' ')

/**
 * 扫码登录管理后台 (staff and admins): the console on a computer shows a one-time QR code; scanning it
 * here (or opening its link) shows when the console asked, and 确认登录 signs the console in as the
 * caller (`user.confirmConsoleLogin`). The console gets the session at its next poll.
 */
function ConsoleLoginPage() {
  const { session, client } = useStore()
  const [request, setRequest] = useState<{ id: string; code: string } | null>(opened)
  const [info, setInfo] = useState<ConsoleLoginRequest | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState(false)
  const staff = session.isStaff

  useEffect(() => {
    if (!session.signedIn || !staff || !request) return
    setError(null)
    setInfo(null)
    client.call('user', 'consoleLoginRequest', request).then(setInfo, (e) => setError(messageOf(e)))
  }, [session.signedIn, staff, request, client])

  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      const found = requestIn(result)
      if (!found) setError('这不是管理后台的登录二维码')
      else {
        setDone(false)
        setRequest(found)
      }
    } catch {
      // cancelled
    }
  }

  const confirm = async () => {
    if (!request) return
    setBusy(true)
    setError(null)
    try {
      await client.call('user', 'confirmConsoleLogin', request)
      setDone(true)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell className='console-login'>
      <View className='console-login__card'>
        {!staff ? (
          <View role='alert'><Text className='console-login__text'>管理后台仅供文明办和各单位工作人员使用。居民请在小程序中上报和查看。</Text></View>
        ) : done ? (
          <View role='status'>
            <Text className='console-login__title'>已登录，可回到电脑上操作</Text>
            <Text className='console-login__text'>管理后台已用「{session.user?.nickname}」的身份登录。不是您本人操作时，请在电脑上点「退出」。</Text>
            <Button block onClick={() => void Taro.switchTab({ url: route.me })}>返回我的</Button>
          </View>
        ) : (
          <>
            {request && info && (
              <>
                <View role='heading' aria-level={2}><Text className='console-login__title'>确认登录管理后台？</Text></View>
                <Text className='console-login__text'>电脑上的管理后台于 {shown(info.requestedAt)} 请求登录，将以您的身份（{session.user?.nickname}）进入。</Text>
                <Text className='console-login__text'>二维码有效至 {shown(info.expiresAt)}。如果不是您本人在电脑前操作，请不要确认。</Text>
                <Button type='primary' block loading={busy} disabled={busy} onClick={() => void confirm()}>确认登录</Button>
              </>
            )}
            {request && !info && !error && <Text className='console-login__text'>正在读取登录请求…</Text>}
            {!request && <Text className='console-login__text'>在电脑上打开管理后台，用「扫一扫」扫描登录页上的二维码。</Text>}
            {error && <View role='alert'><Text className='console-login__error'>{error}</Text></View>}
            {isWeApp && <Button block onClick={() => void scan()}>{request ? '重新扫码' : '扫码'}</Button>}
          </>
        )}
      </View>
    </PageShell>
  )
}

export default observer(ConsoleLoginPage)
