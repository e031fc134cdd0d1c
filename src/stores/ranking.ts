import { makeAutoObservable, runInAction } from 'mobx'
import type { Board, BoardRow, Scores, VillagePage } from '../../types/ranking'
import type { CloudClient } from '../services/cloud'

/** The month's board, 飞虎榜/蜗牛榜 and the month and scope the reader chose. */
export class RankingStore {
  periods: string[] = []
  weights: Scores | null = null
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
      const { periods, weights } = await this.client.call('ranking', 'periods', {})
      runInAction(() => {
        this.periods = periods
        this.weights = weights
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
      this.client.call('ranking', 'honors', { period: this.period })
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

  /** Staff: records a village's scores for a month, then reloads the board. */
  async submitEvaluation(villageId: string, period: string, scores: Scores) {
    const evaluation = await this.client.call('ranking', 'submitEvaluation', { villageId, period, scores })
    void this.load()
    return evaluation
  }

  exportCsv() {
    return this.client.call('ranking', 'exportBoard', { period: this.period, ...(this.townId ? { townId: this.townId } : {}) })
  }
}

/** One village's page. */
export class VillageStore {
  page: VillagePage | null = null
  error: unknown = null

  constructor(private readonly client: CloudClient) {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  async load(villageId: string): Promise<void> {
    this.error = null
    try {
      const page = await this.client.call('ranking', 'village', { villageId })
      runInAction(() => (this.page = page))
    } catch (error) {
      runInAction(() => (this.error = error))
    }
  }

  async setStar(star: VillagePage['stars'][number], awarded: boolean): Promise<void> {
    if (!this.page) return
    const { stars } = await this.client.call('ranking', 'setStar', { villageId: this.page.village.id, star, awarded })
    runInAction(() => this.page && (this.page.stars = stars))
  }
}
