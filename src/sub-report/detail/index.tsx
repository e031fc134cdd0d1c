import { useEffect, useState } from 'react'
import Taro, { useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { useCasePage } from '../components/useCasePage'
import { PageShell } from '../../components/PageShell'
import { CaseSummary } from '../components/CaseSummary'
import { RatingStars } from '../components/RatingStars'
import { Field } from '../../components/Field'
import type { Report } from '../../../types/report'
import { isWeApp } from '../../services/platform'
import { route } from '../../routes'
import { isShareable, shareMessage } from '../share'
import { ShareCanvas, SharePanel, useShareCard } from './ShareCard'
import '../components/report.scss'
import { useCurrentCase } from '../../stores/reports'

/** A case for the resident: progress, reply, and rating or reopening once resolved. */
function ReportDetailPage() {
  const { regions } = useStore()
  const currentCase = useCurrentCase()
  const params = Taro.getCurrentInstance().router?.params ?? {}
  const id = params.id ?? ''
  const justFiled = params.submitted === '1'
  const [score, setScore] = useState(0)
  const [text, setText] = useState('')

  const { report, act } = useCasePage(id, () => setText(''))
  const mine = report?.isMine === true

  // 分享: only what the public sees (not while pending or hidden); WeChat's card carries a drawn image
  const shareable = report ? isShareable(report) : false
  const villageName = report ? regions.nameOf(report.villageId) : ''
  const message = report && shareable ? shareMessage(report, villageName) : null
  const card = useShareCard(shareable ? report! : null, villageName)
  useShareAppMessage(() => (message ? { title: message.title, path: message.path, imageUrl: card.image || undefined } : { title: '文明家园 · 随手拍', path: route.report }))
  useShareTimeline(() => (message ? { title: message.title, query: message.query, imageUrl: card.image || undefined } : { title: '文明家园 · 随手拍' }))
  useEffect(() => {
    if (!isWeApp || !report) return
    const menus = ['shareAppMessage', 'shareTimeline']
    void (shareable ? Taro.showShareMenu({ withShareTicket: false }) : Taro.hideShareMenu({ menus })).catch(() => undefined)
  }, [report, shareable])

  return (
    <PageShell loading={!report && !currentCase.error} error={report ? null : currentCase.error} onRefresh={() => currentCase.load(id)} className='report-detail'>
      {report && (
        <>
          {justFiled && mine && <SubmittedNotice report={report} />}
          <CaseSummary report={report} />
          {report.actions?.includes('support') && (
            <View className='report-section report-detail__support'>
              <Text className='report-section__title'>我也遇到</Text>
              <View className='report-section__body'>
                <Text className='report-section__hint'>您也遇到了这个问题？点一下一起督办，不必重复上报（已有 {report.supportCount} 人）</Text>
                <Button type='primary' loading={currentCase.busy} onClick={() => void act(() => currentCase.support(), '已记录，感谢反馈')}>我也遇到</Button>
              </View>
            </View>
          )}
          {report.actions?.includes('rate') && (
            <View className='report-section report-detail__rate'>
              <Text className='report-section__title'>评价办理结果</Text>
              <View className='report-section__body'>
                <RatingStars value={score} onChange={setScore} />
                <Field label='评价或重新打开的理由'>
                  <TextArea aria-label='评价或重新打开的理由' placeholder='说说办理得怎么样；如未解决，请写明理由' value={text} maxLength={200} onChange={setText} />
                </Field>
                <Button type='primary' loading={currentCase.busy} disabled={score === 0} onClick={() => void act(() => currentCase.rate(score, text), '感谢评价')}>提交评价</Button>
                <Button disabled={text.trim().length < 2} onClick={() => void act(() => currentCase.reopen(text.trim()), '已重新打开')}>问题未解决，重新打开</Button>
              </View>
            </View>
          )}
          {message && <SharePanel message={message} image={card.image} />}
          {message && <ShareCanvas />}
        </>
      )}
    </PageShell>
  )
}

/** Points for a case once accepted: the local cloud's default (`pointsPerAcceptedReport`); the acceptance message says what was credited. */
const POINTS_PER_ACCEPTED_REPORT = 5

/** Right after filing: what happens next, with the case's own deadline. */
function SubmittedNotice({ report }: { report: Report }) {
  const hours = report.dueAt ? Math.max(1, Math.round((Date.parse(report.dueAt) - Date.parse(report.createdAt)) / 3600_000)) : 0
  const praise = report.kind === 'praise'
  return (
    <View className='report-section report-detail__submitted' role='status'>
      <Text className='report-section__title'>✓ 已提交</Text>
      <View className='report-section__body'>
        <Text className='report-section__line'>{praise ? `感谢点赞，文明办将在 ${hours} 小时内查看` : `已提交，预计 ${hours} 小时内受理 · 受理后 +${POINTS_PER_ACCEPTED_REPORT} 积分`}</Text>
        <Text className='report-section__hint'>办理进展会发到「我的 › 消息」，也可在「我的上报」查看</Text>
      </View>
    </View>
  )
}

export default observer(ReportDetailPage)
