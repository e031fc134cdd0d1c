import type { PropsWithChildren, ReactNode } from 'react'
import { Button as TaroButton, Input as TaroInput, Text, View } from '@tarojs/components'
import type { ButtonProps, InputProps } from '@tarojs/components'
import './ui.scss'

/**
 * The few plain components the main package (tab pages, PageShell, the privacy prompt) is drawn
 * with. The subpackages use NutUI React Taro; the main package does not, to keep NutUI's scripts
 * and its full stylesheets out of the package every visitor downloads first (the weapp size
 * budget, docs/performance.md). They read the same custom properties as NutUI (`--nutui-color-
 * primary`) and the app's type scale (`--fs-*`), so 长辈模式 scales them like the rest.
 */

export interface BtnProps extends Omit<ButtonProps, 'type' | 'size'> {
  type?: 'primary' | 'default'
  size?: 'large' | 'normal' | 'small'
  /** `none`: a text button (a link-like action inside text). */
  fill?: 'solid' | 'none'
  block?: boolean
  loading?: boolean
  className?: string
}

export function Btn({ type = 'default', size = 'normal', fill = 'solid', block, loading, disabled, className, onClick, children, ...rest }: PropsWithChildren<BtnProps>) {
  const off = disabled || loading
  const cls = ['ui-btn', `ui-btn--${type}`, `ui-btn--${size}`, fill === 'none' && 'ui-btn--plain', block && 'ui-btn--block', off && 'ui-btn--disabled', className].filter(Boolean).join(' ')
  return (
    <TaroButton {...rest} className={cls} aria-disabled={off ? 'true' : undefined} onClick={(e) => { if (!off) onClick?.(e) }}>
      {loading && <View className='ui-btn__spinner' aria-hidden />}
      <View className='ui-btn__text'>{children}</View>
    </TaroButton>
  )
}

export function CellGroup({ title, children }: PropsWithChildren<{ title?: string }>) {
  return (
    <View className='ui-cell-group'>
      {title && <Text className='ui-cell-group__title'>{title}</Text>}
      <View className='ui-cell-group__body'>{children}</View>
    </View>
  )
}

/** A row of a group: title and description, something on the right, and › when it opens a page. */
export function Cell({ title, description, extra, clickable, onClick, className, children }: PropsWithChildren<{ title?: ReactNode; description?: ReactNode; extra?: ReactNode; clickable?: boolean; onClick?: () => void; className?: string }>) {
  return (
    <View className={`ui-cell${clickable ? ' ui-cell--clickable' : ''}${className ? ` ${className}` : ''}`} role={clickable ? 'link' : undefined} onClick={onClick}>
      {children ?? (
        <>
          <View className='ui-cell__main'>
            {title && <Text className='ui-cell__title'>{title}</Text>}
            {description && <Text className='ui-cell__description'>{description}</Text>}
          </View>
          {extra && <View className='ui-cell__extra'>{extra}</View>}
          {clickable && <Text className='ui-cell__arrow' aria-hidden>›</Text>}
        </>
      )}
    </View>
  )
}

export function Tag({ background, color, children }: PropsWithChildren<{ background: string; color: string }>) {
  return <Text className='ui-tag' style={{ background, color }}>{children}</Text>
}

export function Badge({ value, max = 99 }: { value: number; max?: number }) {
  return <Text className='ui-badge'>{value > max ? `${max}+` : value}</Text>
}

/** A round initial in place of a picture (decorative: the name is written beside it). */
export function Avatar({ background, color, children }: PropsWithChildren<{ background: string; color: string }>) {
  return <View className='ui-avatar' style={{ background, color }} aria-hidden>{children}</View>
}

export function Progress({ percent, label }: { percent: number; label: string }) {
  const p = Math.max(0, Math.min(100, Math.round(percent)))
  return (
    <View className='ui-progress' role='progressbar' aria-valuenow={p} aria-valuemin={0} aria-valuemax={100} aria-label={label}>
      <View className='ui-progress__bar' style={{ width: `${p}%` }} />
    </View>
  )
}

export function Loading({ children }: PropsWithChildren) {
  return (
    <View className='ui-loading' role='status'>
      <View className='ui-loading__spinner' aria-hidden />
      <Text className='ui-loading__text'>{children}</Text>
    </View>
  )
}

export function Empty({ image, title, description }: { image?: ReactNode; title?: string; description?: string }) {
  return (
    <View className='ui-empty'>
      {image}
      {title && <Text className='ui-empty__title'>{title}</Text>}
      {description && <Text className='ui-empty__description'>{description}</Text>}
    </View>
  )
}

export function Input({ className, ...rest }: InputProps & { className?: string; 'aria-label'?: string }) {
  return <TaroInput {...rest} className={`ui-input ${className ?? ''}`} />
}
