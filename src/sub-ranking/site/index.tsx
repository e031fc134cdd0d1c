import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { SITE_KIND_NAMES, type CatalogItem } from '../../../types/campaign'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { ChipGroup } from '../../components/ChipGroup'
import { Stepper } from '../../components/Field'
import { PhotoPicker } from '../../components/PhotoPicker'
import { openPlace } from '../../services/location'
import { toastError } from '../../services/feedback'
import { route } from '../../routes'
import { InspectionStore, PHOTOS_PER_ITEM } from '../walk/store'
import '../walk/index.scss'
import './index.scss'

const ItemCheck = observer(function ItemCheck({ store, item, n }: { store: InspectionStore; item: CatalogItem; n: number }) {
  const a = store.answerOf(item.id)
  const value = a.passed === null ? '' : a.passed ? 'pass' : 'fail'
  return (
    <View className={`inspect__item inspect__item--${item.id}`} role='group' aria-label={`第 ${n} 项：${item.content}`}>
      <Text className='inspect__item-title'>{n}. {item.content}</Text>
      <Text className='inspect__standard'>{item.standard}</Text>
      <ChipGroup label={`${item.content}结果`} options={[{ value: 'pass', label: '达标' }, { value: 'fail', label: '不达标' }]} value={value} onChange={(v) => store.setPassed(item.id, v === 'pass')} />
      {a.passed === false && (
        <View className='inspect__shortfall'>
          <Stepper label='处数' className='inspect__count' value={a.count} min={1} max={100} onChange={(v) => store.setCount(item.id, v)} />
          <Text className='form-field__label'>照片（必填，最多 {PHOTOS_PER_ITEM} 张）</Text>
          <PhotoPicker photos={a.photos} max={PHOTOS_PER_ITEM} onAdd={(paths) => store.addPhotos(item.id, paths)} onRetry={(p) => void store.upload(item.id, p)} onRemove={(p) => store.removePhoto(item.id, p)} />
          <TextArea className='field inspect__note' aria-label={`${item.content}说明`} placeholder='说明，如：东门两处摊位占道' value={a.note} maxLength={200} onChange={(v) => store.setNote(item.id, v)} />
        </View>
      )}
    </View>
  )
})

/** One 点位's checklist (evaluators): each applicable item 达标 or 不达标 (count, photo, note); answers kept on the phone until submitted once. */
function SitePage() {
  const { client } = useStore()
  const params = Taro.getCurrentInstance().router?.params ?? {}
  const [store] = useState(() => new InspectionStore(client, params.period ?? '', params.id ?? ''))
  useEffect(() => { void store.load() }, [store])
  const site = store.site
  const submit = async () => {
    try {
      await store.submit()
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
    } catch (error) {
      toastError(error)
    }
  }
  return (
    <PageShell
      loading={!store.loaded && !store.error}
      error={store.loaded ? null : store.error}
      empty={store.loaded && !site}
      emptyText='该点位不在您本轮的测评点位中'
      onRefresh={() => store.load()}
      className='inspect'
    >
      {site && (
        <>
          <View className='inspect__head'>
            <Text className='walk__site-name'>{site.name}</Text>
            <Text className='walk__site-line'>{SITE_KIND_NAMES[site.kind]} · {site.villageName} · {store.period}</Text>
            {site.address && <Text className='walk__site-line'>{site.address}</Text>}
            <Button size='small' className='inspect__map' onClick={() => void openPlace(site.location, site.name, site.address ?? '').catch(() => undefined)}>在地图中查看</Button>
          </View>
          {store.result && (
            <View className='inspect__result' role='status'>
              <Text className='inspect__result-title'>已提交</Text>
              <Text>
                {store.result.length
                  ? `发现 ${store.result.length} 项不达标，已生成 ${store.result.filter((f) => f.caseId).length} 件整改工单，交责任单位整改`
                  : '全部达标，未生成整改工单'}
              </Text>
              {store.result.map((f) => (
                <Text key={f.itemId} className='inspect__finding'>· {f.standard}（{f.count} 处，扣 {f.deduction} 分）→ {f.unitName}</Text>
              ))}
              <Button block type='primary' onClick={() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: route.mySites }))}>返回测评点位</Button>
            </View>
          )}
          {!store.result && store.status === 'closed' && <View className='inspect__note-box' role='status'>本轮测评已结束，不能再提交</View>}
          {!store.result && store.status === 'open' && site.inspected && !store.restored && <View className='inspect__note-box' role='status'>该点位本轮已测评（已查）</View>}
          {store.open && (
            <>
              <View className='inspect__progress' role='status'>已填 {store.answered}/{site.items.length} 项，不达标 {store.shortfalls} 项。填写内容保存在手机上，网络不好时可稍后提交</View>
              <View className='inspect__items'>
                {site.items.map((item, i) => <ItemCheck key={item.id} store={store} item={item} n={i + 1} />)}
              </View>
              <View className='inspect__submit'>
                {store.problem && <Text className='inspect__problem'>{store.problem}</Text>}
                <Button block type='primary' disabled={!!store.problem} loading={store.submitting} onClick={() => void submit()}>提交测评结果</Button>
              </View>
            </>
          )}
        </>
      )}
    </PageShell>
  )
}

export default observer(SitePage)
