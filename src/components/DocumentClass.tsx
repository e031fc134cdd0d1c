import { useEffect } from 'react'
import { observer } from 'mobx-react-lite'
import { useStore } from '../stores/root'

/**
 * H5 only (app.tsx renders it behind a build-time test): puts the page frame's display classes
 * (`elder`, `large-system-font`) on <html>, so the tab bar, toasts and modals Taro draws outside
 * the pages follow 长辈模式 as well (styles/scale.scss).
 */
export const DocumentClass = /* @__PURE__ */ observer(function DocumentClass() {
  const { ui } = useStore()
  useEffect(() => {
    const root = document.documentElement
    root.classList.toggle('elder', ui.elder)
    root.classList.toggle('large-system-font', ui.largeSystemFont)
  }, [ui.elder, ui.largeSystemFont])
  return null
})
