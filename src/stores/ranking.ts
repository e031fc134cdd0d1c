import { makeAutoObservable, runInAction } from 'mobx'
import type { EvaluationKind } from '../../types/names'
import type { Board, BoardRow, Scores } from '../../types/ranking'
import type { CloudClient } from '../services/cloud'

/** The month's board, 飞虎榜/蜗牛榜 and the month and scope the reader chose (测评录入: stores/evaluationEntry.ts). */
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

  exportCsv() {
    return this.client.call('ranking', 'exportBoard', { period: this.period, ...(this.townId ? { townId: this.townId } : {}) })
  }
}
