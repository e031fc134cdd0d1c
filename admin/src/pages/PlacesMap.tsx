import { useEffect, useMemo, useRef, useState } from 'react'
import { CustomChart } from 'echarts/charts'
import { GridComponent } from 'echarts/components'
import type { Road, Site } from '../../../types/campaign'
import type { Region } from '../../../types/ranking'
import { echarts } from '../charts/Chart'

echarts.use([CustomChart, GridComponent])

export type Position = [number, number]
export type DrawMode = 'select' | 'point' | 'polygon' | 'road'
/** The bounds drawn: [west, south, east, north]. */
export type Bounds = [number, number, number, number]

const ringsOf = (r: Region): Position[][] =>
  !r.boundary ? [] : r.boundary.type === 'Polygon' ? [r.boundary.coordinates[0] as Position[]] : r.boundary.coordinates.map((p) => p[0] as Position[])

/** Ray casting: whether a point lies in a ring (the console's guess of a new 点位's village; the server checks). */
export function inRing([x, y]: Position, ring: Position[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!
    const [xj, yj] = ring[j]!
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

export function villageAt(p: Position, regions: Region[]): Region | null {
  return regions.find((r) => r.level === 'village' && ringsOf(r).some((ring) => inRing(p, ring))) ?? null
}

/** The box of some positions, padded by a tenth (at least ~50 m). */
export function boxOf(points: Position[]): Bounds | null {
  if (!points.length) return null
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [x, y] of points) {
    w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y)
  }
  const px = Math.max((e - w) * 0.1, 0.0005)
  const py = Math.max((n - s) * 0.1, 0.0005)
  return [w - px, s - py, e + px, n + py]
}

export const regionPoints = (r: Region): Position[] => [...ringsOf(r).flat(), ...(r.center ? [[r.center.longitude, r.center.latitude] as Position] : [])]

/** Widens the shorter side so that a metre is as long east–west as north–south on a `width` × `height` map. */
function fit([w, s, e, n]: Bounds, width: number, height: number): Bounds {
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180)
  const spanX = (e - w) * k
  const spanY = n - s
  const want = width / Math.max(height, 1)
  if (spanX / spanY < want) {
    const grow = (spanY * want) / k - (e - w)
    return [w - grow / 2, s, e + grow / 2, n]
  }
  const grow = spanX / want - spanY
  return [w, s - grow / 2, e, n + grow / 2]
}

const KIND_COLOR = '#1677ff'

/**
 * The 点位 (points and polygons) and 路段 (lines) over the district's village outlines, drawn by
 * ECharts on a plain grid of longitude × latitude (no online base map: the console runs without
 * the internet). In `select` mode a click on a 点位 or 路段 picks it; in a drawing mode each click
 * on the map is a vertex (`onVertex`). `data-bounds` says what is shown (west, south, east, north)
 * so that a test can click a place.
 */
export function PlacesMap(props: {
  sites: Site[]; roads: Road[]; regions: Region[]; bounds: Bounds; mode: DrawMode; draft: Position[]
  selected: { type: 'site' | 'road'; id: string } | null
  onPick: (type: 'site' | 'road', id: string) => void
  onVertex: (p: Position) => void
  height?: number
}) {
  const { sites, roads, regions, mode, draft, selected, height = 520 } = props
  const el = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  const [size, setSize] = useState<[number, number]>([800, height])
  const latest = useRef(props)
  latest.current = props

  useEffect(() => {
    if (!el.current) return
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' })
    chart.current = c
    c.on('click', (params) => {
      const p = latest.current
      if (p.mode !== 'select') return
      const d = params.data as { type?: 'site' | 'road'; id?: string } | undefined
      if (d?.type && d.id) p.onPick(d.type, d.id)
    })
    c.getZr().on('click', (e) => {
      const p = latest.current
      if (p.mode === 'select') return
      const at = c.convertFromPixel({ gridIndex: 0 }, [e.offsetX, e.offsetY]) as number[]
      if (at && Number.isFinite(at[0]) && Number.isFinite(at[1])) p.onVertex([Math.round(at[0]! * 1e6) / 1e6, Math.round(at[1]! * 1e6) / 1e6])
    })
    const measure = () => {
      if (el.current) setSize([el.current.clientWidth, el.current.clientHeight])
      c.resize()
    }
    measure()
    window.addEventListener('resize', measure)
    return () => {
      window.removeEventListener('resize', measure)
      c.dispose()
      chart.current = null
    }
  }, [])

  const bounds = useMemo(() => fit(props.bounds, size[0], size[1]), [props.bounds, size])

  useEffect(() => {
    const villages = regions.filter((r) => r.level === 'village' && r.boundary)
    const isSelected = (type: 'site' | 'road', id: string) => selected?.type === type && selected.id === id
    const polygonSites = sites.filter((s) => s.polygon?.length)
    const pointSites = sites.filter((s) => !s.polygon?.length)
    const coord = (api: { coord: (p: number[]) => number[] }, p: Position) => api.coord(p)
    type Api = { coord: (p: number[]) => number[] }
    const option = {
      animation: false,
      grid: { left: 0, right: 0, top: 0, bottom: 0 },
      xAxis: { type: 'value', min: bounds[0], max: bounds[2], show: false },
      yAxis: { type: 'value', min: bounds[1], max: bounds[3], show: false },
      series: [
        {
          name: 'villages', type: 'custom', silent: true, clip: true, data: villages.map((_, i) => [i]),
          renderItem: (params: { dataIndex: number }, api: Api) => {
            const v = villages[params.dataIndex]!
            return {
              type: 'group',
              children: [
                ...ringsOf(v).map((ring) => ({ type: 'polygon', shape: { points: ring.map((p) => coord(api, p)) }, style: { fill: '#f6f8fa', stroke: '#b0b7c3', lineWidth: 1 } })),
                ...(v.center ? [{ type: 'text', position: coord(api, [v.center.longitude, v.center.latitude]), style: { text: v.name, fill: '#8c8c8c', font: '12px sans-serif', align: 'center', verticalAlign: 'middle' } }] : [])
              ]
            }
          }
        },
        {
          name: 'sitePolygons', type: 'custom', clip: true, data: polygonSites.map((s, i) => ({ value: [i], type: 'site', id: s.id, name: s.name })),
          renderItem: (params: { dataIndex: number }, api: Api) => {
            const s = polygonSites[params.dataIndex]!
            const on = isSelected('site', s.id)
            return {
              type: 'group',
              children: s.polygon!.map((ring, i) => ({
                type: 'polygon', shape: { points: ring.map((p) => coord(api, p)) },
                style: { fill: i === 0 ? (s.active ? 'rgba(22,119,255,0.25)' : 'rgba(140,140,140,0.2)') : '#f6f8fa', stroke: on ? '#fa541c' : s.active ? KIND_COLOR : '#8c8c8c', lineWidth: on ? 3 : 1.5, lineDash: s.active ? null : [4, 3] }
              }))
            }
          }
        },
        {
          name: 'roads', type: 'custom', clip: true, data: roads.map((r, i) => ({ value: [i], type: 'road', id: r.id, name: r.name })),
          renderItem: (params: { dataIndex: number }, api: Api) => {
            const r = roads[params.dataIndex]!
            const on = isSelected('road', r.id)
            return { type: 'polyline', shape: { points: r.line.map((p) => coord(api, p)) }, style: { fill: null, stroke: on ? '#fa541c' : r.active ? '#722ed1' : '#8c8c8c', lineWidth: on ? 7 : 5, lineDash: r.active ? null : [6, 4] } }
          }
        },
        {
          name: 'sitePoints', type: 'custom', clip: true, data: pointSites.map((s, i) => ({ value: [i], type: 'site', id: s.id, name: s.name })),
          renderItem: (params: { dataIndex: number }, api: Api) => {
            const s = pointSites[params.dataIndex]!
            const on = isSelected('site', s.id)
            const [x, y] = coord(api, [s.location.longitude, s.location.latitude])
            return { type: 'circle', shape: { cx: x, cy: y, r: on ? 9 : 7 }, style: { fill: s.active ? KIND_COLOR : '#bfbfbf', stroke: on ? '#fa541c' : '#fff', lineWidth: 2 } }
          }
        },
        {
          name: 'draft', type: 'custom', silent: true, clip: true, data: draft.length ? [[0]] : [],
          renderItem: (_: unknown, api: Api) => {
            const points = draft.map((p) => coord(api, p))
            return {
              type: 'group',
              children: [
                ...(points.length > 1 ? [{ type: mode === 'polygon' && points.length > 2 ? 'polygon' : 'polyline', shape: { points }, style: { fill: mode === 'polygon' ? 'rgba(250,84,28,0.15)' : null, stroke: '#fa541c', lineWidth: 2, lineDash: [5, 3] } }] : []),
                ...points.map(([cx, cy]) => ({ type: 'circle', shape: { cx, cy, r: 5 }, style: { fill: '#fa541c', stroke: '#fff', lineWidth: 1 } }))
              ]
            }
          }
        }
      ]
    }
    chart.current?.setOption(option, true)
  }, [sites, roads, regions, bounds, draft, mode, selected])

  const drawing = mode === 'select' ? '点击点位或路段可选中编辑' : mode === 'point' ? '点击地图放置点位' : mode === 'polygon' ? '依次点击多边形的顶点' : '依次点击路段的各点'
  return (
    <div
      ref={el} role='img' data-testid='places-map' data-bounds={bounds.join(',')} data-mode={mode}
      data-sites={sites.length} data-roads={roads.length} data-draft={draft.length}
      aria-label={`点位与路段地图：${sites.length} 个点位，${roads.length} 条路段。${drawing}`}
      style={{ width: '100%', height, border: '1px solid #d9d9d9', borderRadius: 6, cursor: mode === 'select' ? 'default' : 'crosshair', background: '#fff' }}
    />
  )
}
