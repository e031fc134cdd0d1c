import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Btn as Button } from '../../components/ui'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { Toggle } from '../../components/Toggle'
import { ChipGroup } from '../../components/ChipGroup'
import { ACTIVITY_STATUSES, ACTIVITY_STATUS_NAMES, type ActivityStatus } from '../../../types/names'
import { route } from '../../routes'
import { DriveCard } from './DriveCard'
import './cards.scss'

/** 志愿: upcoming cleanup drives first; my drives, the leaderboard; staff start a drive. */
function VolunteerTab() {
  const { volunteer, session, regions } = useStore()
  const villageId = session.user?.villageId ?? null
  useEffect(() => {
    if (!session.signedIn) return
    void volunteer.loadList(villageId)
    void regions.load().catch(() => undefined)
  }, [session.signedIn, volunteer, villageId, regions])
  const go = (url: string) => void Taro.navigateTo({ url })
  return (
    <PageShell loading={!volunteer.listLoaded && !volunteer.error} error={volunteer.listLoaded ? null : volunteer.error} onRefresh={() => volunteer.loadList(villageId)} className='volunteer'>
      <View className='vol-section'>
        <View className='vol-section__row'>
          <Button size='small' onClick={() => go(route.myDrives)}>我的志愿</Button>
          <Button size='small' onClick={() => go(route.volunteerLeaderboard)}>志愿排行</Button>
          {session.isStaff && <Button size='small' type='primary' onClick={() => go(route.driveCreate())}>发起活动</Button>}
        </View>
        <ChipGroup
          label='按状态筛选'
          options={[{ value: '', label: '全部' }, ...ACTIVITY_STATUSES.map((s) => ({ value: s, label: ACTIVITY_STATUS_NAMES[s] }))]}
          value={volunteer.status}
          onChange={(v) => volunteer.setStatus(v as ActivityStatus | '', villageId)}
        />
        {villageId && (
          <View className='vol-section__row'>
            <Text>只看本村（{regions.nameOf(villageId)}）</Text>
            <Toggle label='只看本村' checked={volunteer.villageOnly} onChange={(on) => volunteer.setVillageOnly(on, villageId)} />
          </View>
        )}
      </View>
      {volunteer.listLoaded && !volunteer.list.length && <Text className='vol-section__hint volunteer__empty'>暂无志愿活动</Text>}
      {volunteer.list.map((a) => (
        <DriveCard key={a.id} drive={a} villageName={regions.nameOf(a.villageId)} onOpen={() => go(route.drive(a.id))} />
      ))}
    </PageShell>
  )
}

export default observer(VolunteerTab)
