import { View } from '@tarojs/components'
import './Toggle.scss'

interface Props {
  label: string
  checked: boolean
  onChange: (checked: boolean) => void
}

/**
 * An on/off switch with the ARIA a screen reader needs (role=switch, aria-checked, a label).
 * NutUI's Switch renders `aria-role` attributes in H5, which assistive technology ignores.
 */
export function Toggle({ label, checked, onChange }: Props) {
  return (
    <View
      className={`toggle ${checked ? 'toggle--on' : ''}`}
      role='switch'
      aria-checked={checked}
      aria-label={label}
      onClick={() => onChange(!checked)}
    >
      <View className='toggle__track'><View className='toggle__knob' /></View>
    </View>
  )
}
