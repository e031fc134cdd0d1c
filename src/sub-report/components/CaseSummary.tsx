import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { districtTime } from '../../services/time'
import type { Report } from '../../../types/report'
import { useStore } from '../../stores/root'
import { StatusTag } from './StatusTag'
import { PhotoGrid } from './PhotoGrid'
import { Timeline } from './Timeline'
import { caseNumber } from '../../../types/names'
import { CaseSteps, durationText } from './CaseSteps'
import './report.scss'

/** Everything about a case that both the reporter and staff see, laid out as a 工单: number, steps, before and after. */
export const CaseSummary = observer(function CaseSummary({ report }: { report: Report }) {
  const { units, regions } = useStore()
  const unit = units.nameOf(report.unitId) || report.unitId
  const took = durationText(report)
  const praise = report.kind === 'praise'
  return (
    <>
      <View className='report-section case-summary'>
        <View className='report-section__body'>
          <View className='report-card__head'>
            <Text className='report-card__category'>{report.categoryName}</Text>
            <View className='report-card__tags'><StatusTag status={report.status} overdue={report.overdue} due={report.dueState} /></View>
          </View>
          <Text className='case-number'>{praise ? '点赞编号' : '工单号'} {caseNumber(report)}</Text>
        </View>
        <CaseSteps report={report} unit={unit} />
        <View className='report-section__body'>
          {took && <Text className={`case-summary__took ${took.endsWith('超期办结') ? 'case-summary__took--late' : ''}`}>{took}</Text>}
          <Text className='report-section__line case-summary__description'>{report.description}</Text>
          {/* answers to the category's own questions: the server gives them to staff, the 网格员 and the reporter only (view.ts) */}
          {(report.answers ?? []).map((x) => <Text key={x.code} className='report-section__line case-summary__answer'>{x.label}：{x.value}</Text>)}
          <Text className='report-section__hint'>地点：{placeText(report, regions.fullNameOf(report.villageId ?? ''), regions.regions.find((r) => r.id === report.villageId)?.name ?? '')}</Text>
          <Text className='report-section__hint'>{praise ? '审核单位' : '责任单位'}：{unit}</Text>
          {!praise && report.dueAt && <Text className='report-section__hint'>办理期限：{districtTime(report.dueAt, 'YYYY-MM-DD HH:mm')}</Text>}
          {report.reporter && <Text className='report-section__hint'>上报人：{report.reporter.nickname}{report.anonymous ? '（匿名）' : ''}</Text>}
          {report.supportCount > 0 && <Text className='report-section__hint'>{report.supportCount} 人也遇到</Text>}
        </View>
        {report.afterPhotos.length > 0 ? <BeforeAfter report={report} /> : <PhotoGrid photos={report.photos} label='现场照片' />}
      </View>
      <Supplements report={report} />
      <Publication report={report} />
      {report.reply && (
        <View className='report-section case-summary__reply'>
          <Text className='report-section__title'>办理回复 · {unit}</Text>
          <View className='report-section__body'><Text className='report-section__line'>{report.reply}</Text></View>
        </View>
      )}
      {report.rating && (
        <View className='report-section'>
          <Text className='report-section__title'>评价</Text>
          <View className='report-section__body'><Text className='report-section__line'>{report.rating.score} 星 {'★'.repeat(report.rating.score)}{report.rating.comment ? ` ${report.rating.comment}` : ''}</Text></View>
        </View>
      )}
      <View className='report-section'>
        <Text className='report-section__title'>办理记录</Text>
        {/* the reply is shown once, above: the resolve event keeps only its time */}
        <Timeline events={report.timeline.map((e) => (e.action === 'resolve' && report.reply && e.note === report.reply ? { ...e, note: null } : e))} />
      </View>
    </>
  )
})

/** Where a case is, in words (issue 24): its address and village, the village alone, never coordinates. */
export function placeText(report: Pick<Report, 'location' | 'villageId'>, fullName: string, villageName: string): string {
  const address = report.location.address
  // 「濮阳镇幸福村 · 菜市场附近」 names its village already
  if (address) return fullName && !(villageName && address.includes(villageName)) ? `${address}（${fullName}）` : address
  return fullName ? `${fullName}（已定位）` : '已定位（未填写地址）'
}

/**
 * 居民补充 (issue 24): words and photos neighbours gave with 我也遇到 — the server sends them to staff
 * and the village's 网格员, and to each neighbour their own only (view.ts).
 */
function Supplements({ report }: { report: Report }) {
  const items = report.supplements ?? []
  if (!items.length) return null
  const mine = items.every((x) => x.mine)
  return (
    <View className='report-section case-supplements'>
      <Text className='report-section__title'>{mine ? '我的补充' : `居民补充（${items.length}）`}</Text>
      {items.map((x, i) => (
        <View key={`${x.at}-${i}`} className='report-section__body case-supplements__item'>
          <Text className='report-section__hint'>{districtTime(x.at, 'MM-DD HH:mm')}{x.mine && !mine ? ' · 我的补充' : ''}</Text>
          {x.note && <Text className='report-section__line'>{x.note}</Text>}
          {x.photos.length > 0 && <PhotoGrid photos={x.photos} label='补充照片' />}
        </View>
      ))}
    </View>
  )
}

/** 整改前 / 整改后 side by side (the first photo of each; the rest below). */
function BeforeAfter({ report }: { report: Report }) {
  const { client } = useStore()
  const before = report.photos.map((p) => client.fileUrl(p))
  const after = report.afterPhotos.map((p) => client.fileUrl(p))
  const side = (label: string, urls: string[]) => (
    <View className='case-compare__side'>
      <Text className='case-compare__label'>{label}</Text>
      {urls[0] ? (
        <Image className='case-compare__photo' src={urls[0]} mode='aspectFill' aria-label={`${label}照片`} nativeProps={{ alt: `${label}照片` }} onClick={() => void Taro.previewImage({ urls, current: urls[0]! })} />
      ) : (
        <View className='case-compare__none'><Text>无照片</Text></View>
      )}
    </View>
  )
  return (
    <>
      <View className='case-compare' role='group' aria-label='整改前后对比'>
        {side('整改前', before)}
        {side('整改后', after)}
      </View>
      {report.photos.length > 1 && <PhotoGrid photos={report.photos.slice(1)} label='更多现场照片' />}
      {report.afterPhotos.length > 1 && <PhotoGrid photos={report.afterPhotos.slice(1)} label='更多整改后照片' />}
    </>
  )
}

/**
 * Whether the public sees the case (only its reporter and staff get these fields filled): photos
 * awaiting the content check, a case staff did not publish and why, photos kept out of view.
 */
function Publication({ report }: { report: Report }) {
  const lines: string[] = []
  if (report.moderation === 'pending') lines.push(report.isMine ? '照片审核中：审核通过前，只有你和工作人员能看到这条随手拍' : '照片审核中，尚未公开')
  if (report.hidden) lines.push(`不予公开：${report.hidden.reason}`)
  if (report.hiddenPhotos.length) lines.push(`${report.hiddenPhotos.length} 张照片未公开（未通过内容安全检测或涉及隐私）`)
  if (!lines.length) return null
  return (
    <View className='report-section case-summary__publication' role='status'>
      <Text className='report-section__title'>公开情况</Text>
      <View className='report-section__body'>
        {lines.map((l) => <Text key={l} className='report-section__line'>{l}</Text>)}
      </View>
    </View>
  )
}
