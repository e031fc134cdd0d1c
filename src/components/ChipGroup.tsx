import { View } from '@tarojs/components'
import './ChipGroup.scss'

export interface ChipOption {
  value: string
  label: string
}

interface Props {
  label: string
  options: ChipOption[]
  value: string
  onChange: (value: string) => void
}

/** A single choice shown as large tappable chips (fits elders better than a wheel picker). */
export function ChipGroup({ label, options, value, onChange }: Props) {
  return (
    <View className='chip-group' role='radiogroup' aria-label={label}>
      {options.map((o) => (
        <View
          key={o.value}
          className={`chip ${o.value === value ? 'chip--active' : ''}`}
          role='radio'
          aria-checked={o.value === value}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </View>
      ))}
    </View>
  )
}
