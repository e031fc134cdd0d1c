import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { SIGNUP_STATUS_NAMES } from '../../../types/names'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { saveTextFile } from '../../services/files'
import { toastError } from '../../services/feedback'
import '../components/volunteer.scss'

/** The organizer's roster with check-in state, and its export. */
function Roster() {
  const { volunteer } = useStore()
  const id = Taro.getCurrentInstance().router?.params?.id ?? ''
  const [error, setError] = useState<unknown>(null)
  const [loaded, setLoaded] = useState(false)
  const load = () => volunteer.loadRoster(id).then(() => setLoaded(true)).catch(setError)
  useEffect(() => void load(), [id])
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
            <Text>{SIGNUP_STATUS_NAMES[s.status]}{s.position ? ` 第${s.position}位` : ''}{s.minutes ? ` · ${s.minutes} 分钟` : ''}</Text>
          </View>
        ))}
      </View>
    </PageShell>
  )
}

export default observer(Roster)
