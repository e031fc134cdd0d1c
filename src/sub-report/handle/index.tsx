import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { useCasePage } from '../components/useCasePage'
import { CLUSTER_RADIUS } from '../../stores/reports'
import { PageShell } from '../../components/PageShell'
import { ChipGroup } from '../../components/ChipGroup'
import { Toggle } from '../../components/Toggle'
import { CaseSummary } from '../components/CaseSummary'
import { PhotoPicker } from '../components/PhotoPicker'
import type { DraftPhoto } from '../../stores/reportDraft'
import { route } from '../../routes'
import '../components/report.scss'

/** Staff handle one case: accept (dispatch to a unit), reject with a reason, resolve with a reply and photos. */
function HandlePage() {
  const { currentCase, units, client } = useStore()
  const id = Taro.getCurrentInstance().router?.params?.id ?? ''
  const [unitId, setUnitId] = useState('')
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<DraftPhoto[]>([])
  /** Other open cases nearby that the cleanup drive takes on too. */
  const [withIds, setWithIds] = useState<string[]>([])

  const { report, act } = useCasePage(id, () => setText(''))
  const cleanable = report?.status === 'accepted' || report?.status === 'reopened'
  useEffect(() => {
    if (cleanable) void currentCase.loadCluster().catch(() => undefined)
  }, [cleanable, currentCase, id])
  const upload = async (localPath: string) => {
    const set = (patch: Partial<DraftPhoto>) => setPhotos((all) => all.map((p) => (p.localPath === localPath ? { ...p, ...patch } : p)))
    set({ failed: false, progress: 0 })
    try {
      const fileId = await client.upload(localPath, (progress) => set({ progress }))
      set({ fileId, progress: 100 })
    } catch {
      set({ failed: true })
    }
  }
  const add = (paths: string[]) => {
    setPhotos((all) => [...all, ...paths.map((localPath) => ({ localPath, fileId: null, progress: 0, failed: false }))])
    paths.forEach((p) => void upload(p))
  }
  const uploaded = photos.filter((p) => p.fileId).map((p) => p.fileId!)

  return (
    <PageShell loading={!report && !currentCase.error} error={report ? null : currentCase.error} onRefresh={() => currentCase.load(id)} className='handle'>
      {report && (
        <>
          <CaseSummary report={report} />
          {report.status === 'submitted' && (
            <View className='report-section handle__accept'>
              <Text className='report-section__title'>受理并派单</Text>
              <View className='report-section__body'>
                <ChipGroup label='责任单位' options={units.units.map((u) => ({ value: u.id, label: u.name }))} value={unitId || report.unitId} onChange={setUnitId} />
                <Button type='primary' loading={currentCase.busy} onClick={() => void act(() => currentCase.accept(unitId && unitId !== report.unitId ? unitId : undefined), '已受理')}>受理</Button>
              </View>
            </View>
          )}
          {(report.status === 'accepted' || report.status === 'reopened') && (
            <View className='report-section handle__cleanup'>
              <Text className='report-section__title'>发起志愿清理</Text>
              <View className='report-section__body'>
                {currentCase.cluster.length > 0 ? (
                  <>
                    <Text className='report-section__hint'>附近 {CLUSTER_RADIUS} 米内还有 {currentCase.cluster.length} 件未办结的问题，可一并清理：</Text>
                    <View role='list' aria-label='可一并清理的问题'>
                      {currentCase.cluster.map((c) => (
                        <View key={c.id} role='listitem' className={`handle__nearby handle__nearby--${c.id}`}>
                          <Text className='handle__nearby-text'>{c.categoryName} · {c.description.slice(0, 24)} · {Math.round(c.distance ?? 0)} 米</Text>
                          <Toggle label={`一并清理：${c.categoryName} ${c.description.slice(0, 24)}`} checked={withIds.includes(c.id)} onChange={(on) => setWithIds((ids) => (on ? [...ids, c.id] : ids.filter((x) => x !== c.id)))} />
                        </View>
                      ))}
                    </View>
                  </>
                ) : (
                  <Text className='report-section__hint'>附近 {CLUSTER_RADIUS} 米内没有其他未办结的问题</Text>
                )}
                <Button onClick={() => void Taro.navigateTo({ url: route.driveCreate({ reportIds: [report.id, ...withIds], address: report.location.address ?? '', villageId: report.villageId }) })}>
                  发起志愿清理（共 {1 + withIds.length} 件）
                </Button>
              </View>
            </View>
          )}
          {(report.status === 'accepted' || report.status === 'reopened' || report.status === 'submitted') && (
            <View className='report-section handle__reply'>
              <Text className='report-section__title'>{report.status === 'submitted' ? '驳回' : '办结'}</Text>
              <View className='report-section__body'>
                <TextArea aria-label='办理说明或驳回理由' placeholder={report.status === 'submitted' ? '驳回理由' : '办理说明（将告知上报人）'} value={text} maxLength={500} onChange={setText} />
                {report.status !== 'submitted' && (
                  <>
                    <Text className='report-section__hint'>整改后照片（至少 1 张）</Text>
                    <PhotoPicker photos={photos} onAdd={add} onRetry={(p) => void upload(p)} onRemove={(p) => setPhotos((all) => all.filter((x) => x.localPath !== p))} />
                    <Button type='primary' loading={currentCase.busy} disabled={text.trim().length < 2 || uploaded.length === 0} onClick={() => void act(() => currentCase.resolve(text.trim(), uploaded), '已办结')}>办结</Button>
                  </>
                )}
                {report.status !== 'accepted' && (
                  <Button disabled={text.trim().length < 2} onClick={() => void act(() => currentCase.reject(text.trim()), '已驳回')}>驳回</Button>
                )}
              </View>
            </View>
          )}
        </>
      )}
    </PageShell>
  )
}

export default observer(HandlePage)
