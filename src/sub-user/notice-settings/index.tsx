import { useEffect } from 'react'
import { View, Text } from '@tarojs/components'
import { Cell, CellGroup } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { Btn as Button } from '../../components/ui'
import { Toggle } from '../../components/Toggle'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { toastError } from '../../services/feedback'
import { askForNotices } from '../../services/subscribe'
import { isWeApp } from '../../services/platform'
import { currentPosition } from '../../services/location'
import type { NoticeTemplate } from '../../../types/user'
import './index.scss'
import { useNoticeSettings } from '../../stores/noticeSettings'

const TOPIC_NAMES: Record<NoticeTemplate['topic'], string> = { case: '上报和关注的问题', work: '工单提醒（工作人员）', drive: '志愿活动' }

/**
 * 我的 → 消息设置 (issue 25): what the user is told. Every message arrives as a 站内消息; in WeChat
 * also as a 订阅消息 where the user agreed (long-term templates once, one-time ones per tap).
 * 「我也遇到」的问题 can be stopped here.
 */
function NoticeSettingsPage() {
  const { messages, session } = useStore()
  const changes = useNoticeSettings()
  const settings = messages.settings

  useEffect(() => {
    void messages.loadSettings().catch(toastError)
  }, [messages])

  const following = settings ? !settings.muted.includes('follow') : true
  const consentOf = (id: string) => settings?.consents.find((c) => c.templateId === id)
  const statusOf = (t: NoticeTemplate) => {
    const c = consentOf(t.id)
    if (!c || c.status !== 'accepted') return '未订阅'
    return c.kind === 'long' ? '已订阅（长期）' : `已订阅（还可提醒 ${c.remaining ?? 0} 次）`
  }
  const followed = settings?.villages ?? []
  const home = session.user?.villageId ?? null
  const follow = (villageId: string, on: boolean) => void changes.followVillage(villageId, on).catch(toastError)
  const areas = settings?.areas ?? []
  const distance = (m: number) => (m >= 1000 ? `${m / 1000} 公里` : `${m} 米`)
  const followHere = async () => {
    try {
      await changes.followArea(await currentPosition(), 1000)
    } catch (e) {
      toastError(e)
    }
  }
  const topics = (settings?.templates ?? []).filter((t) => t.topic !== 'work' || session.isStaff)

  return (
    <PageShell loading={!settings} className='notice-settings'>
      <CellGroup title='通知哪些事'>
        <Cell
          title='「我也遇到」的问题有进展时通知我'
          description='问题受理、办结时发站内消息'
          extra={<Toggle label='「我也遇到」的问题有进展时通知我' checked={following} onChange={(on) => void changes.setMute('follow', !on).catch(toastError)} />}
        />
      </CellGroup>
      <CellGroup title='关注村居（每周一条动态）'>
        {home && !followed.some((v) => v.id === home) && (
          <Cell
            title='关注我的村居'
            description='每周收到本村新增、办结的问题和近期志愿活动'
            extra={<Toggle label='关注我的村居' checked={false} onChange={(on) => follow(home, on)} />}
          />
        )}
        {followed.map((v) => (
          <Cell
            key={v.id}
            title={`关注${v.name}`}
            description='每周一条动态：新增、办结的问题和近期志愿活动'
            extra={<Toggle label={`关注${v.name}`} checked onChange={(on) => follow(v.id, on)} />}
          />
        ))}
        {!home && followed.length === 0 && <Cell title='还没有关注村居' description='在「我的」设置所在村居，或在村居页面点「关注」' />}
      </CellGroup>
      <CellGroup title='关注区域（附近的问题受理、办结时通知）'>
        {areas.map((a, i) => (
          <Cell
            key={a.id}
            title={`区域 ${i + 1}：周边 ${distance(a.radius)}`}
            description={`${a.categories.length ? `${a.categories.length} 类问题` : '所有类别'} · 中心 ${a.latitude.toFixed(4)}, ${a.longitude.toFixed(4)}`}
            extra={<Toggle label={`关注区域 ${i + 1}`} checked onChange={(on) => void (on ? Promise.resolve() : changes.unfollowArea(a.id)).catch(toastError)} />}
          />
        ))}
        {areas.length < 5 && <Cell title='关注我现在的位置' description='周边 1 公里内的问题受理、办结时通知我' extra={<Button size='small' onClick={() => void followHere()}>关注附近</Button>} />}
      </CellGroup>
      <CellGroup title='微信订阅消息'>
        {topics.length === 0 && <Cell title='本区暂未开通订阅消息' description='所有通知都会发到「我的 → 消息」' />}
        {topics.map((t) => (
          <Cell
            key={t.id}
            title={`${t.name} · ${TOPIC_NAMES[t.topic]}`}
            description={statusOf(t)}
            extra={isWeApp ? <Button size='small' onClick={() => void askForNotices(t.topic)}>订阅</Button> : undefined}
          />
        ))}
      </CellGroup>
      <View className='notice-settings__note'>
        <Text>所有通知都会发到「我的 → 消息」。{isWeApp ? '订阅后也会在微信里提醒；一次性订阅每次同意只能提醒一次，可在这里再次订阅。' : '在微信小程序中还可订阅微信提醒。'}</Text>
      </View>
    </PageShell>
  )
}

export default observer(NoticeSettingsPage)
