import Taro from '@tarojs/taro'
import { CloudError } from './cloud'

/** The message to show for any failure: the server's Chinese message, or a generic one. */
export function messageOf(error: unknown): string {
  if (error instanceof CloudError) return error.message
  return '出错了，请稍后再试'
}

/** Shows a failure as a toast; the one place errors reach the user. */
export function toastError(error: unknown): void {
  void Taro.showToast({ title: messageOf(error), icon: 'none', duration: 2500 })
}

export function toastSuccess(title: string): void {
  void Taro.showToast({ title, icon: 'success', duration: 1500 })
}
