import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { SIGNUP_STATUS_NAMES } from '../../../types/names'
import type { Signup } from '../../../types/volunteer'
import { PageShell } from '../../components/PageShell'
import { saveTextFile } from '../../services/files'
import { toastError } from '../../services/feedback'
import '../../pages/volunteer/cards.scss'
import '../components/volunteer.scss'
import { useVolunteer } from '../../stores/volunteer'

/** The organizer's roster with check-in state, and its export. */
function Roster() {
  const volunteer = useVolunteer()
  const id = Taro.getCurrentInstance().router?.params?.id ?? ''
  const [error, setError] = useState<unknown>(null)
  const [loaded, setLoaded] = useState(false)
  const load = () => volunteer.loadRoster(id).then(() => setLoaded(true)).catch(setError)
  useEffect(() => void load(), [id])
  // the drive's end: 未到场 may be marked only after it
  useEffect(() => {
    if (volunteer.drive?.id !== id) void volunteer.loadDrive(id)
  }, [id, volunteer])
  const drive = volunteer.drive?.id === id ? volunteer.drive : null
  const ended = drive !== null && Date.parse(drive.endAt) <= Date.now()
  /** 未到场 asks first: the volunteer is told, and organizers see how often it happened. */
  const markNoShow = async (s: Signup, noShow: boolean) => {
    const { confirm } = await Taro.showModal({
      title: noShow ? '标记未到场？' : '撤销未到场？',
      content: noShow ? `${s.nickname ?? '这位志愿者'}报名了但没有到场。标记后会通知本人，并计入其未到场次数。` : `撤销对${s.nickname ?? '这位志愿者'}的未到场标记。`,
      confirmText: noShow ? '确定标记' : '撤销标记', // WeChat takes at most 4 characters
      cancelText: '再想想'
    })
    if (!confirm) return
    try {
      await volunteer.markNoShow(id, s.userId!, noShow)
    } catch (e) {
      toastError(e)
    }
  }
  const [saved, setSaved] = useState('')
  const exportCsv = async () => {
    try {
      const { filename, csv } = await volunteer.exportRoster(id)
      setSaved(await saveTextFile(filename, csv))
    } catch (e) {
      toastError(e)
    }
  }
  return (
    <PageShell loading={!loaded && !error} error={error} empty={loaded && !volunteer.roster.length} emptyText='还没有人报名' onRefresh={load} className='roster'>
      <View className='vol-section'>
        <Button size='small' onClick={() => void exportCsv()}>导出名单 CSV</Button>
        {saved && <View className='roster__saved' role='status'>{saved}</View>}
        {volunteer.roster.map((s, i) => (
          <View key={`${i}-${s.nickname ?? ''}`} className='vol-section__row roster__row'>
            <Text>{i + 1}. {s.nickname}</Text>
            <Text>
              {SIGNUP_STATUS_NAMES[s.status]}{s.position ? ` 第${s.position}位` : ''}{s.minutes ? ` · ${s.minutes} 分钟` : ''}
              {s.noShow ? ' · 未到场' : ''}{s.noShows ? ` · 累计未到场 ${s.noShows} 次` : ''}
            </Text>
            {ended && s.userId && s.status === 'confirmed' && (
              <Button size='small' onClick={() => void markNoShow(s, !s.noShow)}>{s.noShow ? '撤销未到场' : '未到场'}</Button>
            )}
          </View>
        ))}
      </View>
    </PageShell>
  )
}

export default observer(Roster)
