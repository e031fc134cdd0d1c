import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { nickname as nicknameSchema } from '../../../types/user'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { ChipGroup } from '../../components/ChipGroup'
import { toastError, toastSuccess } from '../../services/feedback'
import './index.scss'
import { useAccount } from '../../stores/account'

/** Edit nickname and home village (the village decides whose board is "mine"). */
function ProfilePage() {
  const { session, regions } = useStore()
  const account = useAccount()
  const user = session.user
  const [nickname, setNickname] = useState(user?.nickname ?? '')
  const [villageId, setVillageId] = useState(user?.villageId ?? '')
  const [realName, setRealName] = useState(user?.realName ?? '')
  const [townId, setTownId] = useState('')
  const [saving, setSaving] = useState(false)
  const [held, setHeld] = useState<string | null>(null)

  useEffect(() => {
    void regions.load().catch(toastError)
  }, [regions])

  useEffect(() => {
    if (!user) return
    setNickname(user.nickname)
    setVillageId(user.villageId ?? '')
    setRealName(user.realName ?? '')
  }, [user])

  const currentTown = townId || regions.villages.find((v) => v.id === villageId)?.parentId || regions.towns[0]?.id || ''
  const check = nicknameSchema.safeParse(nickname)
  const nicknameError = check.success ? '' : check.error.issues[0]?.message ?? ''

  const save = async () => {
    if (!check.success) return
    setSaving(true)
    try {
      await session.updateProfile({ nickname: check.data, ...(villageId ? { villageId } : {}), realName: realName.trim() })
      toastSuccess('已保存')
      setTimeout(() => void Taro.navigateBack().catch(() => undefined), 600)
    } catch (error) {
      toastError(error)
    } finally {
      setSaving(false)
    }
  }

  const showMyData = async () => {
    try {
      const d = await account.myData()
      setHeld(`昵称「${d.user.nickname}」、所在村居「${regions.fullNameOf(d.user.villageId ?? '') || '未选择'}」、积分 ${d.user.points}、志愿时长 ${(d.user.volunteerMinutes / 60).toFixed(1)} 小时；上报 ${d.reports.length} 条、志愿活动报名 ${d.signups.length} 次、站内消息 ${d.messages} 条。`)
    } catch (error) {
      toastError(error)
    }
  }

  const deleteAccount = async () => {
    const { confirm } = await Taro.showModal({
      title: '注销账号',
      content: '注销后昵称、村居、积分、时长和消息将被删除；您的上报和志愿记录会匿名保留。此操作不能撤销。',
      confirmText: '确认注销',
      cancelText: '再想想'
    })
    if (!confirm) return
    try {
      await account.deleteAccount()
      toastSuccess('账号已注销')
      setTimeout(() => void Taro.navigateBack().catch(() => undefined), 600)
    } catch (error) {
      toastError(error)
    }
  }

  return (
    <PageShell loading={!regions.loaded} className='profile'>
      <CellGroup title='昵称'>
        <Cell>
          <Input aria-label='昵称' placeholder='请输入昵称' value={nickname} maxLength={20} onChange={setNickname} />
        </Cell>
        {nicknameError && <View className='profile__error' role='alert'>{nicknameError}</View>}
      </CellGroup>
      <CellGroup title='真实姓名（选填）'>
        <Cell>
          <Input aria-label='真实姓名' placeholder='开具志愿服务证明时使用' value={realName} maxLength={20} onChange={setRealName} />
        </Cell>
        <Text className='profile__hint'>只显示在您的志愿服务证明上和您报名活动的组织者名单中</Text>
      </CellGroup>
      <CellGroup title='所在镇街'>
        <Cell>
          <ChipGroup
            label='所在镇街'
            options={regions.towns.map((t) => ({ value: t.id, label: t.name }))}
            value={currentTown}
            onChange={setTownId}
          />
        </Cell>
      </CellGroup>
      <CellGroup title='所在村居'>
        <Cell>
          <ChipGroup
            label='所在村居'
            options={regions.villagesOf(currentTown).map((v) => ({ value: v.id, label: v.name }))}
            value={villageId}
            onChange={setVillageId}
          />
        </Cell>
      </CellGroup>
      <View className='profile__actions'>
        <Text className='profile__current'>当前：{regions.fullNameOf(villageId) || '未选择村居'}</Text>
        <Button block type='primary' loading={saving} disabled={!!nicknameError} onClick={() => void save()}>保存</Button>
      </View>
      <CellGroup title='我的个人信息'>
        <Cell>
          <View className='profile__privacy'>
            <Button block onClick={() => void showMyData()}>查看本系统记录的我的信息</Button>
            {held && <View className='profile__held' role='status'>{held}</View>}
            {session.user?.role === 'resident' && <Button block onClick={() => void deleteAccount()}>注销账号</Button>}
          </View>
        </Cell>
      </CellGroup>
    </PageShell>
  )
}

export default observer(ProfilePage)
