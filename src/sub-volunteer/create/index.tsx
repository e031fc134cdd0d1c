import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import dayjs from 'dayjs'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { ChipGroup } from '../../components/ChipGroup'
import { toastError, toastSuccess } from '../../services/feedback'
import { route } from '../../routes'
import '../components/volunteer.scss'

/** Date and time as the district's ISO time (+08:00). */
const toIso = (date: string, time: string) => `${date}T${time}:00+08:00`

/** Staff start a drive; from a case ("发起清理") the place and the report come pre-filled. */
function CreateDrive() {
  const { volunteer, regions } = useStore()
  const params = Taro.getCurrentInstance().router?.params ?? {}
  const [title, setTitle] = useState(params.reportId ? '随手拍问题志愿清理' : '')
  const [description, setDescription] = useState('')
  const [townId, setTownId] = useState('')
  const [villageId, setVillageId] = useState(params.villageId ?? '')
  const [address, setAddress] = useState(params.address ? decodeURIComponent(params.address) : '')
  const [date, setDate] = useState(dayjs().add(1, 'day').format('YYYY-MM-DD'))
  const [start, setStart] = useState('09:00')
  const [end, setEnd] = useState('11:00')
  const [capacity, setCapacity] = useState('20')
  const [saving, setSaving] = useState(false)
  useEffect(() => void regions.load().catch(toastError), [regions])
  const town = townId || regions.villages.find((v) => v.id === villageId)?.parentId || regions.towns[0]?.id || ''

  const submit = async () => {
    setSaving(true)
    try {
      const a = await volunteer.create({
        title: title.trim(), description: description.trim(), villageId, address: address.trim(),
        startAt: toIso(date, start), endAt: toIso(date, end), capacity: Number(capacity),
        ...(params.reportId ? { reportIds: [params.reportId] } : {})
      })
      toastSuccess('活动已发布')
      await Taro.redirectTo({ url: route.drive(a.id) })
    } catch (e) {
      toastError(e)
    } finally {
      setSaving(false)
    }
  }
  const ok = title.trim().length >= 2 && villageId && address.trim().length >= 2 && /^\d{4}-\d{2}-\d{2}$/.test(date) && /^\d{2}:\d{2}$/.test(start) && /^\d{2}:\d{2}$/.test(end) && Number(capacity) >= 1
  return (
    <PageShell loading={!regions.loaded} className='drive-create'>
      <View className='vol-section'>
        {params.reportId && <Text className='vol-section__hint'>由随手拍问题发起清理，活动将关联该问题</Text>}
        <Input className='field drive-create__title' aria-label='活动标题' placeholder='活动标题（2–40 字）' value={title} maxLength={40} onChange={setTitle} />
        <TextArea aria-label='活动说明' placeholder='活动说明（选填）' value={description} maxLength={1000} onChange={setDescription} />
        <ChipGroup label='镇街' options={regions.towns.map((t) => ({ value: t.id, label: t.name }))} value={town} onChange={(v) => { setTownId(v); setVillageId('') }} />
        <ChipGroup label='村居' options={regions.villagesOf(town).map((v) => ({ value: v.id, label: v.name }))} value={villageId} onChange={setVillageId} />
        <Input className='field drive-create__address' aria-label='集合地点' placeholder='集合地点' value={address} onChange={setAddress} />
        <View className='vol-section__row'>
          <Input className='field drive-create__date' aria-label='日期' placeholder='YYYY-MM-DD' value={date} onChange={setDate} />
          <Input className='field drive-create__start' aria-label='开始时间' placeholder='09:00' value={start} onChange={setStart} />
          <Input className='field drive-create__end' aria-label='结束时间' placeholder='11:00' value={end} onChange={setEnd} />
        </View>
        <Input className='field drive-create__capacity' aria-label='招募人数' type='number' placeholder='招募人数' value={capacity} onChange={setCapacity} />
        <Button type='primary' block loading={saving} disabled={!ok} onClick={() => void submit()}>发布活动</Button>
      </View>
    </PageShell>
  )
}

export default observer(CreateDrive)
