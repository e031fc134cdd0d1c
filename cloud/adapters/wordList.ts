import type { ContentCheck } from '../core/context'

/** A small local stand-in for `security.msgSecCheck`: rejects texts containing listed words. */
export const DEFAULT_BLOCKED_WORDS = ['赌博', '色情', '毒品', '代开发票', '枪支', '法轮']

export class WordListContentCheck implements ContentCheck {
  constructor(private readonly words: readonly string[] = DEFAULT_BLOCKED_WORDS) {}

  async isAcceptable(text: string): Promise<boolean> {
    const normalized = text.replace(/\s+/g, '')
    return !this.words.some((word) => normalized.includes(word))
  }
}
