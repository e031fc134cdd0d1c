import { View, Text } from '@tarojs/components'

/** What each score means, said in words beside the stars. */
export const RATING_WORDS = ['很不满意', '不满意', '一般', '满意', '很满意'] as const

/**
 * Five large stars, each a radio with its word (很不满意 … 很满意); nothing is chosen until the
 * resident taps one (0 = not yet rated).
 */
export function RatingStars({ value, onChange }: { value: number; onChange: (score: number) => void }) {
  return (
    <View className='rating'>
      <View className='rating__stars' role='radiogroup' aria-label='评分'>
        {RATING_WORDS.map((word, i) => (
          <View
            key={word}
            className={`rating__star ${i < value ? 'rating__star--on' : ''}`}
            role='radio'
            aria-checked={value === i + 1}
            aria-label={`${i + 1} 星 ${word}`}
            onClick={() => onChange(i + 1)}
          >
            <Text className='rating__icon' aria-hidden>{i < value ? '★' : '☆'}</Text>
            <Text className='rating__word' aria-hidden>{word}</Text>
          </View>
        ))}
      </View>
      <Text className='rating__chosen' aria-live='polite'>{value ? `您的评价：${value} 星 · ${RATING_WORDS[value - 1]}` : '请点星星打分'}</Text>
    </View>
  )
}
