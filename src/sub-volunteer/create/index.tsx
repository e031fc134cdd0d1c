import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { DriveForm } from '../../stores/driveForm'
import { PageShell } from '../../components/PageShell'
import { ChipGroup } from '../../components/ChipGroup'
import { Field, PickerField, Stepper } from '../../components/Field'
import { DRIVE_LIMITS } from '../../../types/names'
import { districtTime } from '../../services/time'
import { pickPlace } from '../../services/location'
import { toastError, toastSuccess } from '../../services/feedback'
import { route } from '../../routes'
import '../../pages/volunteer/cards.scss'
import '../components/volunteer.scss'

/**
 * Staff start a drive, or its organizer edits it (`?id=`). From cases ("发起清理", `?reportIds=`)
 * the place comes pre-filled and the drive is linked to them.
 */
function CreateDrive() {
  const { client, regions } = useStore()
  const params = Taro.getCurrentInstance().router?.params ?? {}
  const editId = params.id ? decodeURIComponent(params.id) : ''
  const [form] = useState(() => {
    const f = new DriveForm(client)
    f.prefill({
      reportIds: (params.reportIds ? decodeURIComponent(params.reportIds) : '').split(',').filter(Boolean),
      address: params.address ? decodeURIComponent(params.address) : '',
      villageId: params.villageId ? decodeURIComponent(params.villageId) : ''
    })
    return f
  })
  useEffect(() => {
    void regions.load().catch(toastError)
    if (editId) void form.edit(editId)
  }, [regions, form, editId])
  useEffect(() => {
    if (editId) void Taro.setNavigationBarTitle({ title: '编辑活动' })
  }, [editId])
  const town = form.townId || regions.villages.find((v) => v.id === form.villageId)?.parentId || regions.towns[0]?.id || ''

  const locate = async () => {
    try {
      const place = await pickPlace()
      form.setLocation(place)
      if (place.address && !form.address) form.set('address', place.address)
    } catch {
      Taro.showToast({ title: '无法定位，可只填写集合地点', icon: 'none' })
    }
  }
  const submit = async () => {
    try {
      const a = await form.save()
      toastSuccess(editId ? '已保存' : '活动已发布')
      await Taro.redirectTo({ url: route.drive(a.id) })
    } catch (e) {
      toastError(e)
    }
  }
  const today = districtTime(new Date().toISOString(), 'YYYY-MM-DD')
  const problem = form.problem
  return (
    <PageShell loading={!regions.loaded || (Boolean(editId) && !form.editing && !form.loadError)} error={form.loadError} className='drive-create'>
      <View className='vol-section'>
        {form.reportIds.length > 0 && (
          <Text className='vol-section__hint drive-create__linked'>
            {editId ? `已关联 ${form.reportIds.length} 件随手拍问题` : `由 ${form.reportIds.length} 件随手拍问题发起清理，活动将关联这些问题，集合点默认在它们中间`}
          </Text>
        )}
        <Field label='活动标题'>
          <Input className='field drive-create__title' aria-label='活动标题' placeholder='2–40 字' value={form.title} maxLength={40} onChange={(v) => form.set('title', v)} />
        </Field>
        <Field label='活动说明（选填）'>
          <TextArea aria-label='活动说明' placeholder='做什么、带什么、注意什么' value={form.description} maxLength={1000} onChange={(v) => form.set('description', v)} />
        </Field>
        {editId ? (
          <Text className='vol-section__hint'>村居：{regions.fullNameOf(form.villageId)}（不可修改）</Text>
        ) : (
          <>
            <Field label='镇街'>
              <ChipGroup label='镇街' options={regions.towns.map((t) => ({ value: t.id, label: t.name }))} value={town} onChange={(v) => form.set('townId', v)} />
            </Field>
            <Field label='村居'>
              <ChipGroup label='村居' options={regions.villagesOf(town).map((v) => ({ value: v.id, label: v.name }))} value={form.villageId} onChange={(v) => form.set('villageId', v)} />
            </Field>
          </>
        )}
        <Field label='集合地点'>
          <Input className='field drive-create__address' aria-label='集合地点' placeholder='如：幸福村村委会门前' value={form.address} onChange={(v) => form.set('address', v)} />
        </Field>
        <View className='vol-section__row'>
          <Text className='vol-section__hint drive-create__point'>
            {form.location ? `地图位置：${form.location.latitude.toFixed(5)}, ${form.location.longitude.toFixed(5)}` : form.reportIds.length && !editId ? '地图位置：关联问题的中间' : '地图位置：未设置'}
          </Text>
          <Button size='small' onClick={() => void locate()}>{form.location ? '重新定位' : '设置地图位置'}</Button>
          {form.location && <Button size='small' onClick={() => form.setLocation(null)}>清除</Button>}
        </View>
        <PickerField label='日期' mode='date' className='drive-create__date' value={form.date} start={today} onChange={(v) => form.set('date', v)} />
        <View className='form-field__row'>
          <PickerField label='开始时间' mode='time' className='drive-create__start' value={form.start} onChange={(v) => form.set('start', v)} />
          <PickerField label='结束时间' mode='time' className='drive-create__end' value={form.end} onChange={(v) => form.set('end', v)} />
        </View>
        <Stepper label='招募人数' className='drive-create__capacity' value={form.capacity} min={DRIVE_LIMITS.capacity.min} max={DRIVE_LIMITS.capacity.max} onChange={(v) => form.set('capacity', v)} />
        {problem && <View className='vol-section__hint drive-create__problem' role='status'>{problem}</View>}
        <Button type='primary' block loading={form.saving} disabled={Boolean(problem)} onClick={() => void submit()}>{editId ? '保存修改' : '发布活动'}</Button>
      </View>
    </PageShell>
  )
}

export default observer(CreateDrive)
