import { useCallback, useEffect, useRef, useState } from 'react'
import { Alert, Button, Card, Form, Input, List, Space, Typography } from 'antd'
import { encode } from 'uqr'
import type { User } from '../../../types/user'
import { ApiFailure, consoleLoginLink, messageOf, type Backend, type ConsoleRequest } from '../api'
import { mayUseConsole, RESIDENT_REFUSED } from '../session'

/** The demo identities of the local cloud (as the app's sign-in page offers them). */
const DEMO_IDENTITIES = [
  { openid: 'demo-admin', title: '管理员', note: '赵敏 · 文明办：全部工单、操作日志、村居地理' },
  { openid: 'demo-staff', title: '网格员 / 城管执法局', note: '李伟 · 本单位的工单' },
  { openid: 'demo-resident', title: '居民', note: '王秀兰 · 居民不能使用管理后台' }
]

const QR_SIDE = 232
const POLL_MS = 2000

/** Paints `text` as a QR code on the canvas: white ground with the 4-module quiet zone, whole-pixel modules. */
function paint(canvas: HTMLCanvasElement, text: string) {
  const { data, size } = encode(text, { ecc: 'M', border: 0 })
  const ctx = canvas.getContext('2d')
  if (!ctx) return
  const cell = Math.floor(QR_SIDE / (size + 8))
  const offset = Math.floor((QR_SIDE - cell * size) / 2)
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, QR_SIDE, QR_SIDE)
  ctx.fillStyle = '#000000'
  data.forEach((row, y) => row.forEach((dark, x) => dark && ctx.fillRect(offset + x * cell, offset + y * cell, cell, cell)))
}

/**
 * 扫码登录: a one-time request from the server shown as a QR code (its link opens 我的 →
 * 扫码登录管理后台 with the request's id and code), counted down over its two minutes, renewed with
 * 刷新; the server is asked every 2 s whether someone confirmed it, and the first answer after a
 * confirmation carries the person's tokens (only once). `onDemo`: the server is in demo mode.
 */
function QrSignIn({ backend, onSignedIn, onDemo, onError }: { backend: Backend; onSignedIn: (user: User) => void; onDemo: (demo: boolean) => void; onError: (message: string | null) => void }) {
  const [request, setRequest] = useState<ConsoleRequest | null>(null)
  const [deadline, setDeadline] = useState(0)
  const [left, setLeft] = useState(0)
  const [failed, setFailed] = useState<string | null>(null)
  const canvas = useRef<HTMLCanvasElement>(null)

  const refresh = useCallback(async () => {
    setFailed(null)
    setRequest(null)
    try {
      const r = await backend.requestConsoleLogin()
      setRequest(r)
      setDeadline(Date.now() + r.expiresIn * 1000)
      setLeft(r.expiresIn)
      onDemo(r.demoLogin)
    } catch (e) {
      setFailed(messageOf(e))
    }
  }, [backend, onDemo])

  useEffect(() => void refresh(), [refresh])

  useEffect(() => {
    if (request && canvas.current) paint(canvas.current, consoleLoginLink(request))
  }, [request])

  // the countdown, and the poll every 2 s while the code is alive
  useEffect(() => {
    if (!request) return
    let stopped = false
    const tick = setInterval(() => setLeft(Math.max(0, Math.ceil((deadline - Date.now()) / 1000))), 500)
    const poll = setInterval(() => {
      if (Date.now() > deadline + 60_000) return
      backend.pollConsoleLogin(request.id, request.code).then(
        (answer) => {
          if (stopped || answer.status !== 'confirmed') return
          stopped = true
          clearInterval(poll)
          if (!mayUseConsole(answer.user)) {
            backend.signOut()
            onError(RESIDENT_REFUSED)
            return
          }
          onSignedIn(answer.user)
        },
        (e) => {
          if (stopped) return
          if (e instanceof ApiFailure && (e.code === 'CONFLICT' || e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) {
            stopped = true
            clearInterval(poll)
            setFailed(e.message)
          }
        }
      )
    }, POLL_MS)
    return () => {
      stopped = true
      clearInterval(tick)
      clearInterval(poll)
    }
  }, [backend, request, deadline, onSignedIn, onError])

  const expired = request !== null && left <= 0
  return (
    <section aria-labelledby='qr-title' className='console-qr'>
      <Typography.Title level={2} id='qr-title' style={{ fontSize: 16 }}>微信扫码登录</Typography.Title>
      <Typography.Paragraph>用文明家园小程序「我的 → 扫码登录管理后台」扫描二维码，在手机上确认后即可进入（仅限工作人员和管理员）。</Typography.Paragraph>
      <div className='console-qr__code'>
        <canvas ref={canvas} width={QR_SIDE} height={QR_SIDE} role='img' aria-label='登录二维码' data-link={request ? 'ready' : 'none'} style={{ opacity: expired || failed ? 0.15 : 1 }} />
      </div>
      <Space direction='vertical' style={{ width: '100%' }}>
        <Typography.Text role='status' aria-live='polite'>
          {failed ? failed : !request ? '正在生成二维码…' : expired ? '二维码已过期，请刷新' : `二维码 ${left} 秒后过期`}
        </Typography.Text>
        <Button onClick={() => void refresh()} aria-label='刷新二维码'>刷新</Button>
      </Space>
    </section>
  )
}

/**
 * Sign-in: the QR code (every deployment); in demo mode (CIVIC_DEMO=1, as `npm start` runs) also
 * the demo identities or any openid, through `POST /api/login` as the H5 app does. Only staff and
 * admins are let in.
 */
export function SignIn({ backend, onSignedIn }: { backend: Backend; onSignedIn: (user: User) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [openid, setOpenid] = useState('')
  const [demo, setDemo] = useState(false)

  const signIn = async (id: string) => {
    setBusy(true)
    setError(null)
    try {
      const user = await backend.demoLogin(id.trim())
      if (!mayUseConsole(user)) {
        backend.signOut()
        setError(RESIDENT_REFUSED)
        return
      }
      onSignedIn(user)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className='console-signin'>
      <Card>
        <Typography.Title level={1} className='console-page-title'>文明家园 · 管理后台</Typography.Title>
        <Typography.Paragraph>供区文明办和各责任单位工作人员在电脑上处理工单、查看操作日志、维护村居地理。</Typography.Paragraph>
        {error && <Alert type='error' showIcon role='alert' message={error} style={{ marginBottom: 16 }} />}
        <QrSignIn backend={backend} onSignedIn={onSignedIn} onDemo={setDemo} onError={setError} />
        {demo && (
          <>
            <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>演示身份</Typography.Title>
            <List
              dataSource={DEMO_IDENTITIES}
              renderItem={(d) => (
                <List.Item actions={[<Button key='go' type='primary' disabled={busy} onClick={() => void signIn(d.openid)} aria-label={`以${d.title}身份进入`}>进入</Button>]}>
                  <List.Item.Meta title={d.title} description={d.note} />
                </List.Item>
              )}
            />
            <Form layout='vertical' onFinish={() => void signIn(openid)} style={{ marginTop: 16 }}>
              <Form.Item label='其他身份（openid）' htmlFor='signin-openid'>
                <Space.Compact style={{ width: '100%' }}>
                  <Input id='signin-openid' value={openid} maxLength={64} placeholder='如 staff-001' onChange={(e) => setOpenid(e.target.value)} />
                  <Button htmlType='submit' disabled={busy || !openid.trim()}>登录</Button>
                </Space.Compact>
              </Form.Item>
            </Form>
            <Typography.Paragraph type='secondary' style={{ marginBottom: 0 }}>演示模式：也可直接选择身份登录。</Typography.Paragraph>
          </>
        )}
      </Card>
    </main>
  )
}
