import { makeAutoObservable, runInAction } from 'mobx'
import { indicatorsOf, kindOf, weightedTotal } from '../../types/names'
import type { Evaluation, Scores, VillageMonthFigures } from '../../types/ranking'
import type { CloudClient } from '../services/cloud'
import type { RankingStore } from './ranking'
import { useStore } from './root'

/** 测评录入 (staff, sub-ranking's entry page): a village's scores for a month, with what was submitted before. */
export class EvaluationEntryStore {
  /** Every submission for the village and month chosen on the entry page, newest (the one in force) first. */
  entryHistory: (Evaluation & { submittedAt: string })[] = []
  private entryHistoryKey = ''
  /** Evaluators: the live figures of the village and month on the entry page, with the suggested 志愿服务 score (issue 15). */
  entryFigures: VillageMonthFigures | null = null

  constructor(private readonly client: CloudClient, private readonly ranking: RankingStore) {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  /** Records a village's scores for a month, then reloads the board and the entry history. */
  async submitEvaluation(villageId: string, period: string, scores: Scores) {
    const evaluation = await this.client.call('ranking', 'submitEvaluation', { villageId, period, scores })
    void this.ranking.load()
    void this.loadEntryHistory(villageId, period).catch(() => undefined)
    return evaluation
  }

  async loadEntryHistory(villageId: string, period: string): Promise<void> {
    const key = `${villageId}|${period}`
    if (this.entryHistoryKey !== key) Object.assign(this, { entryHistory: [], entryFigures: null })
    this.entryHistoryKey = key
    if (!villageId) return
    const [{ items }, figures] = await Promise.all([
      this.client.call('ranking', 'evaluationHistory', { villageId, period }),
      this.client.call('ranking', 'villageMonthFigures', { villageId, period })
    ])
    runInAction(() => {
      if (this.entryHistoryKey === key) Object.assign(this, { entryHistory: items, entryFigures: figures })
    })
  }

  /** The indicators and weights of a month's kind (district config, from the board's RankingStore), null until loaded. */
  weightsFor(period: string): Scores | null {
    return this.ranking.kinds?.[kindOf(period)] ?? null
  }

  /** A preview while typing of the total the server computes with the same rule (its answer decides). */
  previewTotal(scores: Scores | null, period: string): number | null {
    const w = this.weightsFor(period)
    return scores && w && indicatorsOf(w).length ? weightedTotal(scores, w) : null
  }
}

/** 测评录入 of the app's RootStore, built by the entry page on first use. */
export function useEvaluationEntry(): EvaluationEntryStore {
  return useStore().lazy('evaluationEntry', (root) => new EvaluationEntryStore(root.client, root.ranking))
}
