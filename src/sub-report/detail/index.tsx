import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, Rate, TextArea } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { useCasePage } from '../components/useCasePage'
import { PageShell } from '../../components/PageShell'
import { CaseSummary } from '../components/CaseSummary'
import '../components/report.scss'

/** A case for the resident: progress, reply, and rating or reopening once resolved. */
function ReportDetailPage() {
  const { currentCase } = useStore()
  const id = Taro.getCurrentInstance().router?.params?.id ?? ''
  const [score, setScore] = useState(5)
  const [text, setText] = useState('')

  const { report, act } = useCasePage(id, () => setText(''))
  const mine = report?.isMine === true

  return (
    <PageShell loading={!report && !currentCase.error} error={report ? null : currentCase.error} onRefresh={() => currentCase.load(id)} className='report-detail'>
      {report && (
        <>
          <CaseSummary report={report} />
          {mine && report.status === 'resolved' && (
            <View className='report-section report-detail__rate'>
              <Text className='report-section__title'>评价办理结果</Text>
              <View className='report-section__body'>
                <Rate aria-label='评分' value={score} onChange={setScore} />
                <TextArea aria-label='评价或重新打开的理由' placeholder='说说办理得怎么样；如未解决，请写明理由' value={text} maxLength={200} onChange={setText} />
                <Button type='primary' loading={currentCase.busy} onClick={() => void act(() => currentCase.rate(score, text), '感谢评价')}>提交评价</Button>
                <Button disabled={text.trim().length < 2} onClick={() => void act(() => currentCase.reopen(text.trim()), '已重新打开')}>问题未解决，重新打开</Button>
              </View>
            </View>
          )}
        </>
      )}
    </PageShell>
  )
}

export default observer(ReportDetailPage)
