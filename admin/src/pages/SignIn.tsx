import { useState } from 'react'
import { Alert, Button, Card, Form, Input, List, Space, Typography } from 'antd'
import type { User } from '../../../types/user'
import { demoLogin, messageOf, tokenStore } from '../api'
import { mayUseConsole, RESIDENT_REFUSED } from '../session'

/** The demo identities of the local cloud (as the app's sign-in page offers them). */
const DEMO_IDENTITIES = [
  { openid: 'demo-admin', title: '管理员', note: '赵敏 · 文明办：全部工单、操作日志、村居地理' },
  { openid: 'demo-staff', title: '网格员 / 城管执法局', note: '李伟 · 本单位的工单' },
  { openid: 'demo-resident', title: '居民', note: '王秀兰 · 居民不能使用管理后台' }
]

/**
 * Sign-in. Demo mode (CIVIC_DEMO=1, as `npm start` runs): the demo identities or any openid,
 * through `POST /api/login` as the H5 app does. Only staff and admins are let in.
 */
export function SignIn({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [openid, setOpenid] = useState('')

  const signIn = async (id: string) => {
    setBusy(true)
    setError(null)
    try {
      const answer = await demoLogin(id.trim())
      if (!mayUseConsole(answer.user)) {
        tokenStore.clear()
        setError(RESIDENT_REFUSED)
        return
      }
      tokenStore.set(answer)
      onSignedIn(answer.user)
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
        <Typography.Title level={2} style={{ fontSize: 16 }}>演示身份</Typography.Title>
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
        <Typography.Paragraph type='secondary' style={{ marginBottom: 0 }}>
          演示模式下可直接选择身份登录；正式环境的微信扫码登录将在后续版本提供。
        </Typography.Paragraph>
      </Card>
    </main>
  )
}
