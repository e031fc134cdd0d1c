import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Btn as Button, Input, Cell, CellGroup } from '../../components/ui'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { toastError } from '../../services/feedback'
import { PageShell } from '../../components/PageShell'
import { route } from '../../routes'
import './index.scss'

/** The demo identities seeded by the local cloud (API.md). */
const DEMO_IDENTITIES = [
  { openid: 'demo-resident', title: '居民', note: '王秀兰 · 濮阳镇幸福村' },
  { openid: 'demo-staff', title: '网格员 / 城管执法局', note: '李伟 · 处理工单、组织志愿活动' },
  { openid: 'demo-admin', title: '管理员', note: '赵敏 · 文明办，管理角色与星级' }
]

/** Local mode only: choose who to be. WeChat signs in through the cloud without this page. */
function SignInPage() {
  const { session } = useStore()
  const [openid, setOpenid] = useState('')
  const [busy, setBusy] = useState(false)

  const signIn = async (id: string) => {
    setBusy(true)
    try {
      await session.signInAs(id.trim())
      await Taro.switchTab({ url: route.me })
    } catch (error) {
      toastError(error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell requireSignIn={false} className='signin'>
      <View className='signin__hero'>
        <Text className='signin__title'>文明家园</Text>
        <Text className='signin__subtitle'>本地体验版 · 选择身份进入</Text>
      </View>
      <CellGroup title='演示身份'>
        {DEMO_IDENTITIES.map((d) => (
          <Cell
            key={d.openid}
            title={d.title}
            description={d.note}
            extra={<Button size='small' type='primary' disabled={busy} onClick={() => void signIn(d.openid)}>进入</Button>}
          />
        ))}
      </CellGroup>
      <CellGroup title='其他身份（任意 openid，新用户为居民）'>
        <Cell>
          <Input
            className='signin__openid'
            placeholder='输入 openid，如 resident-001'
            aria-label='openid'
            value={openid}
            maxlength={64}
            onInput={(e) => setOpenid(e.detail.value)}
          />
          <Button size='small' type='primary' disabled={busy || !openid.trim()} onClick={() => void signIn(openid)}>登录</Button>
        </Cell>
      </CellGroup>
    </PageShell>
  )
}

export default observer(SignInPage)
