import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { ChipGroup } from '../../components/ChipGroup'
import { Toggle } from '../../components/Toggle'
import { PhotoPicker } from '../components/PhotoPicker'
import { DuplicateSheet, SupportedSheet } from './DuplicateSheet'
import { isWeApp } from '../../services/platform'
import { currentPosition, pickPlace } from '../../services/location'
import { askForNotices } from '../../services/subscribe'
import { toastError, toastSuccess } from '../../services/feedback'
import { route } from '../../routes'
import { ANSWER_TEXT_MAX } from '../../../types/names'
import '../components/report.scss'
import { useReportDraft } from '../../stores/reportDraft'

/** 随手拍: category, photos, place, description, 匿名; duplicates nearby are offered first. */
function CreateReportPage() {
  const { regions } = useStore()
  const draft = useReportDraft()
  const [error, setError] = useState<unknown>(null)
  /** The duplicate sheet, put aside with 返回修改 (a reminder stays on the form). */
  const [sheetClosed, setSheetClosed] = useState(false)
  useEffect(() => setSheetClosed(false), [draft.nearby])
  const praise = Taro.getCurrentInstance().router?.params?.kind === 'praise'
  /** Typing coordinates is the fallback when locating fails, never the first thing shown. */
  const [manualPoint, setManualPoint] = useState(false)
  /** Locating refused or failed (issue 24): the village is picked instead (its center, the address saying where). */
  const [villagePick, setVillagePick] = useState(false)
  const [pickTown, setPickTown] = useState('')
  /** 我也遇到 succeeded (issue 24): the case joined, and whether her photo and words went with it. */
  const [supported, setSupported] = useState<{ id: string; carried: boolean } | null>(null)

  useEffect(() => {
    draft.loadCategories().catch(setError)
  }, [draft])
  useEffect(() => {
    if (praise && !draft.category) draft.set('category', 'dianzan')
  }, [praise, draft, draft.categories.length])

  // which village the problem is in, asked again (after a pause) whenever the point changes
  useEffect(() => {
    const timer = setTimeout(() => void draft.locate(), 300)
    return () => clearTimeout(timer)
  }, [draft, draft.latitude, draft.longitude])

  // the place is filled by locating as the form opens (issue 24: fewer taps); refused or failed, the
  // 使用当前位置 button and the village picker remain, nothing is said until she asks
  useEffect(() => {
    if (praise || draft.location) return
    let live = true
    currentPosition().then((here) => {
      if (live && !draft.location) draft.setLocation(here.latitude, here.longitude)
    }, () => undefined)
    return () => void (live = false)
  }, [])

  const locate = async () => {
    try {
      const place = await pickPlace()
      draft.setLocation(place.latitude, place.longitude, place.address ?? undefined)
      setVillagePick(false)
    } catch {
      // never a dead end, never coordinates: the village is picked instead, the address says where in it
      setVillagePick(true)
      regions.load().catch(setError)
      Taro.showToast({ title: '无法获取位置，请选择问题所在村居', icon: 'none' })
    }
  }

  /** A village picked by hand: the case is placed at its center and filed in it; the address names the spot. */
  const pickVillage = (id: string) => {
    const village = regions.villages.find((v) => v.id === id)
    if (!village?.center) return
    draft.setLocation(village.center.latitude, village.center.longitude)
    draft.chooseVillage(id)
  }
  const townOfPick = pickTown || (regions.villages.find((v) => v.id === draft.problemVillage?.id)?.parentId ?? '')

  const submit = async () => {
    if (draft.problem) return Taro.showToast({ title: draft.problem, icon: 'none' })
    // asked at the tap itself: WeChat refuses the request after an await
    const asked = askForNotices('case')
    try {
      if (!draft.checkedNearby && (await draft.checkNearby()).length > 0) return
      await asked
      const report = await draft.submit()
      toastSuccess('已提交')
      await Taro.redirectTo({ url: `${route.reportDetail(report.id)}&submitted=1` })
    } catch (e) {
      toastError(e)
    }
  }

  const support = async (id: string) => {
    const carried = Object.keys(draft.supplement).length > 0
    try {
      // the draft is cleared only once the case took it; a failure keeps all she entered
      await draft.support(id)
      setSupported({ id, carried })
    } catch (e) {
      toastError(e)
    }
  }

  return (
    <PageShell loading={!draft.categories.length && !error} error={error} onRefresh={() => draft.loadCategories()} className={`report-create ${(draft.checkedNearby && draft.nearby.length > 0 && !sheetClosed) || supported ? 'report-create--sheet' : ''}`}>
      <View className='report-section'>
        <Text className='report-section__title'>问题类别</Text>
        <View className='report-section__body'>
          {draft.groups.map((g) => (
            <View key={g.group}>
              <Text className='report-section__hint'>{g.group}</Text>
              <ChipGroup label={g.group} options={g.items.map((c) => ({ value: c.code, label: c.name }))} value={draft.category} onChange={(v) => draft.set('category', v)} />
            </View>
          ))}
        </View>
      </View>

      <View className='report-section'>
        <Text className='report-section__title'>现场照片（1–9 张）</Text>
        <PhotoPicker photos={draft.photos} onAdd={draft.addPhotos} onRetry={(p) => void draft.upload(p)} onRemove={draft.removePhoto} />
      </View>

      <View className='report-section'>
        <Text className='report-section__title'>位置</Text>
        <View className='report-section__body'>
          <Button type='default' onClick={() => void locate()}>{isWeApp ? '在地图上选择位置' : '使用当前位置'}</Button>
          <Input className='field' aria-label='地址' placeholder='地址，如：幸福村村委会东侧' value={draft.address} maxLength={200} onChange={(v) => draft.set('address', v)} />
          {/* the place as a marker and its words (issue 24): no map tiles needed, the address editable above */}
          {draft.location && !manualPoint && !villagePick && (
            <View className='report-create__pin'>
              <View className='report-create__marker' aria-hidden='true'><Text>📍</Text></View>
              <View className='report-create__pin-words'>
                <Text className='report-section__line'>📍 已定位{draft.address ? `：${draft.address}` : ''}</Text>
                {draft.address && draft.address === draft.proposedAddress && <Text className='report-section__hint'>地址按定位自动填写，不对可以在上面修改</Text>}
              </View>
            </View>
          )}
          {villagePick && (
            <View className='report-create__villages'>
              <View className='report-section__hint' role='alert'>
                无法获取您的位置。可以在手机的设置里允许使用位置后再点「{isWeApp ? '在地图上选择位置' : '使用当前位置'}」；也可以直接选择问题所在的村居，并在上面的地址栏写明附近的标志物（如：村委会东侧）。
              </View>
              <ChipGroup label='问题所在镇街' options={regions.towns.map((t) => ({ value: t.id, label: t.name }))} value={townOfPick} onChange={setPickTown} />
              {townOfPick && (
                <ChipGroup
                  label='选择问题所在村居'
                  options={regions.villagesOf(townOfPick).filter((v) => v.center).map((v) => ({ value: v.id, label: v.name }))}
                  value={draft.problemVillage?.id ?? ''}
                  onChange={pickVillage}
                />
              )}
            </View>
          )}
          {/* coordinates are typed only when locating fails: the place shows as a pin, an address and its village */}
          {manualPoint ? (
            <View className='report-create__coords'>
              <Input className='field report-create__lat' aria-label='纬度' placeholder='纬度' type='digit' value={draft.latitude} onChange={(v) => draft.set('latitude', v)} />
              <Input className='field report-create__lng' aria-label='经度' placeholder='经度' type='digit' value={draft.longitude} onChange={(v) => draft.set('longitude', v)} />
            </View>
          ) : (
            <Button type='default' onClick={() => setManualPoint(true)}>定位不了？手动填写坐标</Button>
          )}
          {draft.problemVillage && (
            <View className='report-create__place' role='status'>
              <Text className='report-section__line'>问题位置：{draft.problemVillage.townName} {draft.problemVillage.name}</Text>
              {(draft.place?.choices.length ?? 0) > 1 && (
                <>
                  <Text className='report-section__hint'>不在这个村？选择问题所在的村居：</Text>
                  <ChipGroup label='问题所在村居' options={draft.place!.choices.map((c) => ({ value: c.id, label: c.name }))} value={draft.problemVillage.id} onChange={(v) => draft.chooseVillage(v)} />
                </>
              )}
            </View>
          )}
          {draft.placeError && <View className='report-section__error' role='alert'>{draft.placeError}</View>}
        </View>
      </View>

      <View className='report-section'>
        <Text className='report-section__title'>{draft.photos.length ? '问题描述（有照片可不填）' : '问题描述'}</Text>
        <View className='report-section__body'>
          <TextArea className='report-create__description' aria-label='问题描述' placeholder={draft.photos.length ? '补充说明（选填，5–500 字）' : '请描述问题（5–500 字）'} value={draft.description} maxLength={500} showCount onChange={(v) => draft.set('description', v)} />
          {draft.description && draft.descriptionError && <View className='report-section__error' role='alert'>{draft.descriptionError}</View>}
          <View className='report-create__anonymous'>
            <Text>匿名上报（工作人员也看不到您的身份）</Text>
            <Toggle label='匿名上报' checked={draft.anonymous} onChange={(v) => draft.set('anonymous', v)} />
          </View>
        </View>
      </View>

      {draft.questions.length > 0 && <Questions />}

      {draft.checkedNearby && draft.nearby.length > 0 && (sheetClosed ? (
        <View className='report-section'>
          <View className='report-section__body'>
            <Text className='report-section__hint'>附近 250 米内已有 {draft.nearby.length} 件相同问题</Text>
            <Button type='default' onClick={() => setSheetClosed(false)}>查看附近相同问题</Button>
          </View>
        </View>
      ) : (
        <DuplicateSheet items={draft.nearby} submitting={draft.submitting} carries={Object.keys(draft.supplement).length > 0} onSupport={(id) => void support(id)} onSubmitAnyway={() => void submit()} onClose={() => setSheetClosed(true)} />
      ))}

      {supported && (
        <SupportedSheet
          carried={supported.carried}
          onOpen={() => void Taro.redirectTo({ url: route.reportDetail(supported.id) })}
          onDone={() => void Taro.navigateBack().catch(() => Taro.switchTab({ url: route.report }))}
        />
      )}

      <View className='report-actions'>
        {draft.problem && <Text className='report-section__hint'>{draft.problem}</Text>}
        <Button block type='primary' loading={draft.submitting} disabled={!!draft.problem} onClick={() => void submit()}>
          {draft.checkedNearby && draft.nearby.length > 0 ? '仍要提交新问题' : '提交'}
        </Button>
      </View>
    </PageShell>
  )
}

/**
 * The chosen category's own questions (基础数据, issue 27): a choice as chips, a number or a short
 * text as a field; 必答 ones say so. The draft checks them by the contract's one rule.
 */
const Questions = observer(function Questions() {
  const draft = useReportDraft()
  const shown = draft.answersError && draft.questions.some((q) => (draft.answers[q.code] ?? '') !== '')
  return (
    <View className='report-section report-create__questions'>
      <Text className='report-section__title'>补充信息</Text>
      <View className='report-section__body'>
        {draft.questions.map((q) => (
          <View key={q.code} className='report-create__question'>
            <Text className='report-section__line'>{q.label}{q.required ? '（必答）' : '（选填）'}</Text>
            {q.type === 'choice' ? (
              <ChipGroup label={q.label} options={(q.options ?? []).map((o) => ({ value: o, label: o }))} value={draft.answers[q.code] ?? ''} onChange={(v) => draft.setAnswer(q.code, v)} />
            ) : (
              <Input className='field' aria-label={q.label} placeholder={q.type === 'number' ? '请填写数字' : `最多 ${ANSWER_TEXT_MAX} 字`} type={q.type === 'number' ? 'digit' : 'text'} maxLength={q.type === 'number' ? 12 : ANSWER_TEXT_MAX} value={draft.answers[q.code] ?? ''} onChange={(v) => draft.setAnswer(q.code, v)} />
            )}
          </View>
        ))}
        {shown && <View className='report-section__error' role='alert'>{draft.answersError}</View>}
      </View>
    </View>
  )
})

export default observer(CreateReportPage)
