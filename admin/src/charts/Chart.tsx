import { useEffect, useRef } from 'react'
import * as echarts from 'echarts/core'
import { BarChart, LineChart, MapChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, TitleComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import type { EChartsCoreOption } from 'echarts/core'

// tree-shaken: only the charts and components the console draws (no full `echarts` import)
echarts.use([BarChart, LineChart, MapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, TitleComponent, CanvasRenderer])

export { echarts }

/**
 * One ECharts chart in a div; `label` names it for assistive technology (the figures are in the
 * tables beside every chart too). Redrawn when the option changes, resized with the window.
 */
export function Chart({ option, label, height = 280, testId }: { option: EChartsCoreOption; label: string; height?: number; testId?: string }) {
  const el = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  useEffect(() => {
    if (!el.current) return
    chart.current = echarts.init(el.current, undefined, { renderer: 'canvas' })
    const onResize = () => chart.current?.resize()
    window.addEventListener('resize', onResize)
    return () => {
      window.removeEventListener('resize', onResize)
      chart.current?.dispose()
      chart.current = null
    }
  }, [])
  useEffect(() => {
    chart.current?.setOption(option, true)
  }, [option])
  // what is drawn, in the DOM too: each series' kind and whether it is labelled (a chart on canvas shows neither to tools)
  const series = ((option as { series?: { type?: string; label?: { show?: boolean } }[] }).series ?? []).map((s) => `${s.type ?? ''}${s.label?.show ? '+label' : ''}`).join(',')
  return <div ref={el} role='img' aria-label={label} data-testid={testId} data-series={series} style={{ width: '100%', height }} />
}
