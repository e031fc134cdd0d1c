import { useEffect, useMemo, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import dayjs from 'dayjs'
import { KIND_NAMES, SCORE_KEYS, SCORE_NAMES, indicatorsOf, kindOf, scoresInput, type ScoreKey, type Scores } from '../../../types/ranking'
import { useStore } from '../../stores/root'
import { DISTRICT_UTC_OFFSET_MINUTES } from '../../services/time'
import { PageShell } from '../../components/PageShell'
import { ChipGroup } from '../../components/ChipGroup'
import { MonthFigures } from './MonthFigures'
import { toastError, toastSuccess } from '../../services/feedback'
import '../village/index.scss'
import './index.scss'
import { useEvaluationEntry } from '../../stores/evaluationEntry'

/** This month and the 11 before it, in the district's time (UTC+8) whatever the device's zone. */
const recentMonths = () => {
  const district = dayjs(Date.now() + (DISTRICT_UTC_OFFSET_MINUTES + new Date().getTimezoneOffset()) * 60_000)
  return Array.from({ length: 12 }, (_, i) => district.subtract(i, 'month').format('YYYY-MM'))
}

/** Evaluators enter a village's scores for a month — the indicators of the month's kind; a resubmission replaces the earlier one. */
function EntryPage() {
  const { regions, ranking } = useStore()
  const entry = useEvaluationEntry()
  const months = useMemo(recentMonths, [])
  const [period, setPeriod] = useState(months[1] ?? months[0]!)
  const [townId, setTownId] = useState('')
  const [villageId, setVillageId] = useState('')
  const [values, setValues] = useState<Record<ScoreKey, string>>({ environment: '', order: '', publicAds: '', civility: '', volunteering: '' })
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    void regions.load().catch(toastError)
    if (!ranking.weights) void ranking.load()
  }, [regions, ranking])
  useEffect(() => {
    void entry.loadEntryHistory(villageId, period).catch(toastError)
  }, [entry, villageId, period])

  const town = townId || regions.towns[0]?.id || ''
  const weights = entry.weightsFor(period)
  // the month's kind decides which indicators are entered (小测评: fewer than 大测评)
  const keys = weights ? indicatorsOf(weights) : []
  const parsed = scoresInput.safeParse(Object.fromEntries(keys.map((k) => [k, values[k] === '' ? NaN : Number(values[k])])))
  const total = entry.previewTotal(parsed.success ? parsed.data : null, period)
  const history = villageId ? entry.entryHistory : []
  /** Fills the form with the scores in force, to correct one of them. */
  const edit = (scores: Scores) => setValues(Object.fromEntries(SCORE_KEYS.map((k) => [k, scores[k] === undefined ? '' : String(scores[k])])) as Record<ScoreKey, string>)

  const submit = async () => {
    if (!parsed.success || !villageId || !keys.length) return
    setSaving(true)
    try {
      const e = await entry.submitEvaluation(villageId, period, parsed.data)
      toastSuccess(`已保存：${e.total} 分`)
    } catch (error) {
      toastError(error)
    } finally {
      setSaving(false)
    }
  }

  return (
    <PageShell loading={!regions.loaded} className='entry'>
      <View className='village__section'>
        <Text className='village__title'>测评月份 · {KIND_NAMES[kindOf(period)]}</Text>
        <ChipGroup label='测评月份' options={months.map((m) => ({ value: m, label: m }))} value={period} onChange={setPeriod} />
      </View>
      <View className='village__section'>
        <Text className='village__title'>村居</Text>
        <ChipGroup label='镇街' options={regions.towns.map((t) => ({ value: t.id, label: t.name }))} value={town} onChange={(v) => { setTownId(v); setVillageId('') }} />
        <ChipGroup label='村居' options={regions.villagesOf(town).map((v) => ({ value: v.id, label: v.name }))} value={villageId} onChange={setVillageId} />
      </View>
      {villageId && entry.entryFigures && <MonthFigures figures={entry.entryFigures} onUse={(v) => setValues({ ...values, volunteering: String(v) })} />}
      <View className='village__section'>
        <Text className='village__title'>{KIND_NAMES[kindOf(period)]}指标得分（0–100，最多 1 位小数）</Text>
        {keys.length > 0 && keys.length < SCORE_KEYS.length && (
          <Text className='entry__kind-hint'>{KIND_NAMES[kindOf(period)]}只考核{keys.map((k) => `「${SCORE_NAMES[k]}」`).join('')}</Text>
        )}
        {keys.map((k) => (
          <View key={k} className='entry__score'>
            <Text className='entry__label'>{SCORE_NAMES[k]}{weights ? `（权重 ${weights[k]}%）` : ''}</Text>
            <Input className={`field entry__input entry__input--${k}`} aria-label={SCORE_NAMES[k]} type='digit' placeholder='0–100' value={values[k]} onChange={(v) => setValues({ ...values, [k]: v })} />
          </View>
        ))}
        {!parsed.success && keys.some((k) => values[k] !== '') && <View className='entry__error' role='alert'>{parsed.error.issues[0]?.message}</View>}
        <Text className='entry__total'>加权总分：{total ?? '—'}</Text>
        <Button type='primary' block loading={saving} disabled={!parsed.success || !villageId || !keys.length} onClick={() => void submit()}>{history.length ? '提交并替换当前分数' : '提交测评'}</Button>
      </View>
      {history.length > 0 && (
        <View className='village__section entry__history'>
          <Text className='village__title'>{period} 已录入 {history.length} 次（以最新一次为准，历次保留）</Text>
          <View role='list' aria-label={`${period} 已录入的测评`}>
            {history.map((e, i) => (
              <View key={e.submittedAt + i} className={`entry__past ${i === 0 ? 'entry__past--current' : ''}`} role='listitem'>
                <Text className='entry__past-total'>{e.total} 分{i === 0 ? '（当前）' : ''}</Text>
                <Text className='entry__past-at'>{e.submittedAt.slice(0, 16).replace('T', ' ')}</Text>
                <Text className='entry__past-scores'>{SCORE_KEYS.filter((k) => e.scores[k] !== undefined).map((k) => `${SCORE_NAMES[k]} ${e.scores[k]}`).join(' · ')}</Text>
                {e.suggested?.volunteering !== undefined && <Text className='entry__past-at'>志愿服务建议分 {e.suggested.volunteering}</Text>}
                {i === 0 && <Button size='small' onClick={() => edit(e.scores)}>按当前分数修改</Button>}
              </View>
            ))}
          </View>
        </View>
      )}
    </PageShell>
  )
}

export default observer(EntryPage)
