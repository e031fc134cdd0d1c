import { makeAutoObservable, runInAction } from 'mobx'
import { indicatorsOf, kindOf, weightedTotal, type EvaluationKind } from '../../types/names'
import type { Board, BoardRow, Evaluation, Scores, VillageMonthFigures } from '../../types/ranking'
import type { CloudClient } from '../services/cloud'

/** The month's board, 飞虎榜/蜗牛榜 and the month and scope the reader chose. */
export class RankingStore {
  periods: string[] = []
  weights: Scores | null = null
  kinds: Record<EvaluationKind, Scores> | null = null
  period = ''
  townId = ''
  board: Board | null = null
  feihu: BoardRow[] = []
  woniu: BoardRow[] = []
  loading = false
  error: unknown = null
  /** Staff: every submission for the village and month chosen on the entry page, newest (the one in force) first. */
  entryHistory: (Evaluation & { submittedAt: string })[] = []
  private entryHistoryKey = ''
  /** Evaluators: the live figures of the village and month on the entry page, with the suggested 志愿服务 score (issue 15). */
  entryFigures: VillageMonthFigures | null = null

  constructor(private readonly client: CloudClient) {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  get periodIndex(): number {
    return this.periods.indexOf(this.period)
  }

  get hasOlder(): boolean {
    return this.periodIndex >= 0 && this.periodIndex < this.periods.length - 1
  }

  get hasNewer(): boolean {
    return this.periodIndex > 0
  }

  /** Loads the evaluated months (default: the latest) and that month's board. */
  async load(): Promise<void> {
    this.loading = true
    this.error = null
    try {
      const { periods, weights, kinds } = await this.client.call('ranking', 'periods', {})
      runInAction(() => {
        this.periods = periods
        this.weights = weights
        this.kinds = kinds
        if (!this.period || !periods.includes(this.period)) this.period = periods[0] ?? ''
      })
      await this.loadBoard()
    } catch (error) {
      runInAction(() => (this.error = error))
    } finally {
      runInAction(() => (this.loading = false))
    }
  }

  async loadBoard(): Promise<void> {
    if (!this.period) return
    const [board, honors] = await Promise.all([
      this.client.call('ranking', 'board', { period: this.period, ...(this.townId ? { townId: this.townId } : {}) }),
      this.client.call('ranking', 'honors', { period: this.period, ...(this.townId ? { townId: this.townId } : {}) })
    ])
    runInAction(() => {
      this.board = board
      this.feihu = honors.feihu
      this.woniu = honors.woniu
    })
  }

  /** Shows a given month (e.g. for its poster). */
  async show(period: string): Promise<void> {
    if (this.board?.period === period) return
    this.period = period
    await this.loadBoard()
  }

  /** -1: the month before, +1: the month after (among evaluated months). */
  step(direction: -1 | 1): void {
    const next = this.periods[this.periodIndex - direction]
    if (!next) return
    this.period = next
    void this.loadBoard().catch((error) => runInAction(() => (this.error = error)))
  }

  setTown(townId: string): void {
    this.townId = townId
    void this.loadBoard().catch((error) => runInAction(() => (this.error = error)))
  }

  /** Staff: records a village's scores for a month, then reloads the board and the entry history. */
  async submitEvaluation(villageId: string, period: string, scores: Scores) {
    const evaluation = await this.client.call('ranking', 'submitEvaluation', { villageId, period, scores })
    void this.load()
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

  /** The indicators and weights of a month's kind (district config), null until loaded. */
  weightsFor(period: string): Scores | null {
    return this.kinds?.[kindOf(period)] ?? null
  }

  /** A preview while typing of the total the server computes with the same rule (its answer decides). */
  previewTotal(scores: Scores | null, period: string): number | null {
    const w = this.weightsFor(period)
    return scores && w && indicatorsOf(w).length ? weightedTotal(scores, w) : null
  }

  exportCsv() {
    return this.client.call('ranking', 'exportBoard', { period: this.period, ...(this.townId ? { townId: this.townId } : {}) })
  }
}
