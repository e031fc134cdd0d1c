import { useEffect } from 'react'
import { Btn as Button } from './ui'
import { observer } from 'mobx-react-lite'
import { useStore } from '../stores/root'
import { PrivacyDialog } from './PrivacyPrompt'

/**
 * H5 only: app.tsx renders it behind a build-time test, so the mini-program build drops this code
 * (hence the pure annotation); WeChat asks through its own flow there.
 */
const DECLINED_NOTE = '需要同意隐私保护指引才能使用文明家园。您可以先查看完整指引再决定。'

/**
 * H5: the policy modal shown until this browser accepts the current version; 不同意 keeps it
 * with a note. It steps aside while the full guide is open. The app behind it is inert.
 */
export const PrivacyGate = /* @__PURE__ */ observer(function PrivacyGate() {
  const { privacy, ui } = useStore()
  const open = privacy.gateOpen
  useEffect(() => (open ? holdFocus() : undefined), [open])
  if (!open) return null
  return (
    <PrivacyDialog
      className={`privacy-gate ${ui.pageClass}`}
      note={privacy.declined ? DECLINED_NOTE : undefined}
      onDisagree={privacy.decline}
      agree={<Button className='privacy-prompt__button' type='primary' onClick={privacy.accept}>同意并继续</Button>}
    />
  )
})

/**
 * H5: makes the pages and the tab bar inert while the modal is open (pages mounted meanwhile too),
 * moves focus to it and makes its buttons keyboard buttons (Taro's H5 buttons are custom elements
 * that take no focus: without this a keyboard user could never accept). Its text is focusable too,
 * as it may scroll. Answers the undo.
 */
function holdFocus(): () => void {
  const marked = new Set<Element>()
  const mark = () =>
    document.querySelectorAll('.taro_page, .taro-tabbar__tabbar').forEach((el) => {
      if (el.hasAttribute('inert')) return
      el.setAttribute('inert', '')
      marked.add(el)
    })
  mark()
  const observer = new MutationObserver(mark)
  observer.observe(document.getElementById('app') ?? document.body, { childList: true })
  const frame = requestAnimationFrame(() => {
    document.querySelector('.privacy-gate .privacy-prompt__body')?.setAttribute('tabindex', '0')
    document.querySelectorAll('.privacy-gate .ui-btn').forEach((b) => {
      b.setAttribute('role', 'button')
      b.setAttribute('tabindex', '0')
    })
    const sheet = document.querySelector<HTMLElement>('.privacy-gate .privacy-prompt__sheet')
    sheet?.setAttribute('tabindex', '-1')
    sheet?.focus()
  })
  const onKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement | null
    if ((e.key === 'Enter' || e.key === ' ') && target?.matches('.privacy-gate .ui-btn')) {
      e.preventDefault()
      target.click()
    }
  }
  document.addEventListener('keydown', onKey)
  return () => {
    cancelAnimationFrame(frame)
    observer.disconnect()
    document.removeEventListener('keydown', onKey)
    marked.forEach((el) => el.removeAttribute('inert'))
  }
}
