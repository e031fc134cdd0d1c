import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Image, Map } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { isWeApp } from '../../services/platform'
import { route } from '../../routes'
import { STATUS_NAMES } from '../../../types/names'
import type { ReportMap } from '../../../types/report'
import { boundarySvg, boxOf, CATEGORY_COLOURS, marksOf, MAX_ZOOM, MIN_ZOOM, startView, type Mark, type View as MapView } from './view'
import './index.scss'
import { useReportDraft } from '../../stores/reportDraft'

/**
 * 随手拍地图: the public cases of the visible box (`report.map`), clustered when zoomed out. In a
 * browser the villages' boundaries (`ranking.regions`) are drawn as an SVG base with the markers
 * over it — no map SDK, no key, no tiles, so it works offline; in WeChat the native Map.
 */
function ReportMapPage() {
  const { regions, session, client } = useStore()
  const reportDraft = useReportDraft()
  const [view, setView] = useState<MapView | null>(null)
  const [answer, setAnswer] = useState<ReportMap | null>(null)
  const [error, setError] = useState<unknown>(null)
  // the cases of a group tapped (they stand too close to draw apart): listed under the map
  const [picked, setPicked] = useState<Extract<Mark, { kind: 'group' }>['markers'] | null>(null)

  useEffect(() => {
    void Promise.all([regions.load(), reportDraft.loadCategories()])
      .then(() => setView((v) => v ?? startView(regions.regions, session.user?.villageId ?? null)))
      .catch(setError)
  }, [regions, reportDraft, session.user?.villageId])
  useEffect(() => {
    if (!view) return
    setPicked(null)
    let current = true
    client.call('report', 'map', { ...boxOf(view), zoom: view.zoom }).then((a) => current && setAnswer(a), (e) => current && setError(e))
    return () => void (current = false)
  }, [view, client])

  const box = view ? boxOf(view) : null
  const zoom = (by: number, at?: { latitude: number; longitude: number }) =>
    setView((v) => (v ? { ...v, ...(at ?? {}), zoom: Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, v.zoom + by)) } : v))
  const pan = (dLat: number, dLng: number) => setView((v) => {
    if (!v) return v
    const b = boxOf(v)
    return { ...v, latitude: v.latitude + dLat * (b.north - b.south), longitude: v.longitude + dLng * (b.east - b.west) }
  })
  const nameOf = (code: string) => reportDraft.categories.find((c) => c.code === code)?.name ?? code
  // each category its colour and its first character, as the legend shows them
  const colourOf = (code: string) => {
    const i = reportDraft.categories.findIndex((c) => c.code === code)
    return CATEGORY_COLOURS[(i < 0 ? CATEGORY_COLOURS.length - 1 : i) % CATEGORY_COLOURS.length]!
  }
  const glyphOf = (code: string) => Array.from(nameOf(code))[0] ?? '?'
  const marks = answer && box ? marksOf(box, answer) : []
  const shownCategories = [...new Set([...(answer?.markers ?? []), ...(picked ?? [])].map((m) => m.category))]
  const describe = (m: { category: string; status: keyof typeof STATUS_NAMES }) => `${nameOf(m.category)}，${STATUS_NAMES[m.status]}`
  const open = (id: string) => void Taro.navigateTo({ url: route.reportDetail(id) })
  const count = answer ? answer.markers.length + answer.clusters.reduce((n, c) => n + c.count, 0) : 0

  return (
    <PageShell loading={!view && !error} error={error} onRefresh={() => setView((v) => (v ? { ...v } : v))} className='case-map'>
      {view && box && (
        <>
          <View className='case-map__summary' role='status'>{answer ? `这里有 ${count} 件随手拍` : '加载中…'}</View>
          {isWeApp ? (
            <Map
              className='case-map__native'
              latitude={view.latitude}
              longitude={view.longitude}
              scale={view.zoom}
              markers={[
                ...(answer?.markers ?? []).map((m, i) => ({ id: i, latitude: m.latitude, longitude: m.longitude, title: nameOf(m.category), width: 32, height: 32, iconPath: '/assets/tab/report-active.png' })),
                ...(answer?.clusters ?? []).map((c, i) => ({ id: 100000 + i, latitude: c.latitude, longitude: c.longitude, width: 40, height: 40, iconPath: '/assets/tab/report-active.png', label: { content: String(c.count), color: '#ffffff', bgColor: '#c8161d', padding: 6, borderRadius: 20, fontSize: 14, anchorX: 0, anchorY: 0, textAlign: 'center' } }))
              ] as never}
              polygons={regions.villages.filter((r) => r.boundary?.type === 'Polygon').map((r) => ({
                points: (r.boundary!.coordinates as number[][][])[0]!.map(([lng, lat]) => ({ latitude: lat!, longitude: lng! })), strokeWidth: 1, strokeColor: '#b9865aff', fillColor: '#fffdf700'
              })) as never}
              onMarkerTap={(e) => {
                const id = Number((e.detail as { markerId?: number }).markerId)
                if (id >= 100000) {
                  const c = answer?.clusters[id - 100000]
                  if (c) zoom(2, c)
                } else if (answer?.markers[id]) open(answer.markers[id]!.id)
              }}
              onError={() => undefined}
            />
          ) : (
            <View className='case-map__canvas'>
              <Image className='case-map__base' src={boundarySvg(regions.regions, box)} mode='scaleToFill' nativeProps={{ alt: '本区村居边界图' }} />
              {marks.map((k) =>
                k.kind === 'marker' ? (
                  <View
                    key={k.marker.id}
                    id={`case-marker-${k.marker.id}`}
                    className={`case-map__marker${k.marker.status === 'resolved' || k.marker.status === 'closed' ? ' case-map__marker--done' : ''}`}
                    role='link'
                    aria-label={describe(k.marker)}
                    style={{ left: `${k.left}%`, top: `${k.top}%`, '--mark': colourOf(k.marker.category) } as never}
                    onClick={() => open(k.marker.id)}
                  >
                    {glyphOf(k.marker.category)}
                  </View>
                ) : (
                  <View
                    key={`${k.latitude},${k.longitude}`}
                    className='case-map__cluster'
                    role='button'
                    aria-label={k.markers.length && view.zoom >= MAX_ZOOM ? `${k.count} 件随手拍在这里，点按列出` : `${k.count} 件随手拍，点按放大`}
                    style={{ left: `${k.left}%`, top: `${k.top}%` }}
                    onClick={() => (k.markers.length && view.zoom >= MAX_ZOOM ? setPicked(k.markers) : zoom(2, k))}
                  >
                    {k.count}
                  </View>
                )
              )}
            </View>
          )}
          <View className='case-map__tools'>
            <Button disabled={view.zoom >= MAX_ZOOM} onClick={() => zoom(1)}>放大</Button>
            <Button disabled={view.zoom <= MIN_ZOOM} onClick={() => zoom(-1)}>缩小</Button>
            <Button onClick={() => pan(0.4, 0)}>向北</Button>
            <Button onClick={() => pan(-0.4, 0)}>向南</Button>
            <Button onClick={() => pan(0, -0.4)}>向西</Button>
            <Button onClick={() => pan(0, 0.4)}>向东</Button>
          </View>
          {!isWeApp && picked && (
            <View className='case-map__picked' role='list' aria-label='这里的随手拍'>
              <Text className='case-map__picked-title'>这里有 {picked.length} 件随手拍，点按查看</Text>
              {picked.map((m) => (
                <View key={m.id} id={`case-pick-${m.id}`} className='case-map__pick' role='link' aria-label={describe(m)} onClick={() => open(m.id)}>
                  <Text className='case-map__key-glyph' style={{ background: colourOf(m.category) }} aria-hidden>{glyphOf(m.category)}</Text>
                  <Text>{describe(m)}</Text>
                </View>
              ))}
            </View>
          )}
          {!isWeApp && (
            <View className='case-map__legend' role='list' aria-label='图例'>
              {shownCategories.map((code) => (
                <View key={code} className='case-map__key' role='listitem'>
                  <Text className='case-map__key-glyph' style={{ background: colourOf(code) }} aria-hidden>{glyphOf(code)}</Text>
                  <Text className='case-map__key-name'>{nameOf(code)}</Text>
                </View>
              ))}
              <View className='case-map__key' role='listitem'>
                <Text className='case-map__key-glyph case-map__key-glyph--done' aria-hidden>✓</Text>
                <Text className='case-map__key-name'>白底：已办结</Text>
              </View>
              <View className='case-map__key' role='listitem'>
                <Text className='case-map__key-glyph case-map__key-glyph--cluster' aria-hidden>3</Text>
                <Text className='case-map__key-name'>红圈数字：几件随手拍</Text>
              </View>
            </View>
          )}
          <Text className='case-map__hint'>红圈里的数字是附近的随手拍件数，点按放大或列出；点按单个标记查看详情</Text>
        </>
      )}
    </PageShell>
  )
}

export default observer(ReportMapPage)
