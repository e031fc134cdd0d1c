import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { VillageMonthFigures } from '../../../types/ranking'
import { SCORE_NAMES } from '../../../types/names'

/**
 * The village's month as the evaluator enters it (issue 15): live figures of drives held there,
 * hours served, cases fixed by drives and cases resolved on time, and the 志愿服务 score the
 * district's formula suggests. Only a suggestion: the evaluator decides; both are logged.
 */
export function MonthFigures({ figures: f, onUse }: { figures: VillageMonthFigures; onUse: (score: number) => void }) {
  const w = f.formula
  return (
    <View className='village__section entry__figures' role='region' aria-label={`${f.villageName} ${f.period} 实时数据`}>
      <Text className='village__title'>{f.villageName} {f.period} 实时数据</Text>
      <Text>志愿活动 {f.drives} 场 · 服务 {f.volunteerHours} 小时 · 志愿者清理问题 {f.fixedByVolunteers} 件</Text>
      <Text>上报问题 {f.received} 件 · 办结 {f.resolved} 件 · 按时办结 {f.resolvedOnTime} 件（{f.onTimeRate === null ? '—' : `${f.onTimeRate}%`}）</Text>
      <Text>积分参与：{f.earners} 位村民获得积分，共 {f.pointsEarned} 分</Text>
      {f.suggestedParticipation && (
        <Text className='entry__kind-hint'>
          {SCORE_NAMES[f.suggestedParticipation.indicator]}参与度建议分：{f.suggestedParticipation.score}（{f.suggestedParticipation.formula.base} + 每位获得积分的村民 {f.suggestedParticipation.formula.perEarner} + 每积分 {f.suggestedParticipation.formula.perPoint}，最高 {f.suggestedParticipation.formula.cap} 分）
        </Text>
      )}
      {f.suggested ? (
        <>
          <Text className='entry__suggested'>志愿服务建议分：{f.suggested.volunteering}</Text>
          <Text className='entry__kind-hint'>
            计算方法：{w.base} + 每场活动 {w.perDrive} + 每小时 {w.perHour} + 每件清理 {w.perFixedCase} + 按时办结率 × {w.onTime}，最高 {w.cap} 分。仅供参考，以测评员录入为准，两者均记入日志
          </Text>
          <Button size='small' onClick={() => onUse(f.suggested!.volunteering)}>采用建议分</Button>
        </>
      ) : (
        <Text className='entry__kind-hint'>本月为小测评，不考核志愿服务</Text>
      )}
    </View>
  )
}
