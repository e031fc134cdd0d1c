import type { ReactNode } from 'react'
import { View, Text, Picker } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { dateLabel } from '../services/time'

/** A form field with its label shown above it (the control keeps its own aria-label). */
export function Field({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <View className={`form-field ${className ?? ''}`}>
      <Text className='form-field__label'>{label}</Text>
      {children}
    </View>
  )
}

interface PickerProps {
  label: string
  mode: 'date' | 'time'
  /** `YYYY-MM-DD` or `HH:mm`. */
  value: string
  start?: string
  end?: string
  className?: string
  onChange: (value: string) => void
}

/**
 * A date or time chosen with the platform's picker (WeChat's native one; Taro's wheel in H5),
 * shown as a field with its value in words ("11月26日 周四", "09:00"): nothing is typed.
 */
export function PickerField({ label, mode, value, start, end, className, onChange }: PickerProps) {
  const shown = mode === 'date' ? dateLabel(value) : value
  return (
    <Field label={label} className={className}>
      <Picker mode={mode} value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
        <View className='field picker-field' role='button' aria-label={`${label}：${shown}，点按选择`}>
          <Text className='picker-field__value'>{shown}</Text>
          <Text className='picker-field__chevron' aria-hidden>›</Text>
        </View>
      </Picker>
    </Field>
  )
}

interface StepperProps {
  label: string
  value: string
  min: number
  max: number
  className?: string
  onChange: (value: string) => void
}

/** A count: − and + (each a full-size button) around the number, which may also be typed. */
export function Stepper({ label, value, min, max, className, onChange }: StepperProps) {
  const n = Number(value)
  const step = (d: number) => onChange(String(Math.min(max, Math.max(min, (Number.isFinite(n) ? n : min) + d))))
  return (
    <Field label={label} className={className}>
      <View className='stepper'>
        <Button className='stepper__button' aria-label={`${label}减 1`} disabled={n <= min} onClick={() => step(-1)}>−</Button>
        <Input className='field stepper__input' aria-label={label} type='number' value={value} onChange={onChange} />
        <Button className='stepper__button' aria-label={`${label}加 1`} disabled={n >= max} onClick={() => step(1)}>＋</Button>
      </View>
    </Field>
  )
}
