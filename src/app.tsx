import { useEffect, useState, type PropsWithChildren } from 'react'
import './styles/nutui-theme.css'
import { RootStore, StoreContext } from './stores/root'
import { createPlatformClient, tokenStorage, API_BASE } from './services/platform'
import { localLogin } from './services/cloud'
import { consentStorage, listenForPrivacyRequests } from './services/privacy'
import { PrivacyGate } from './components/PrivacyGate'
import { DocumentClass } from './components/DocumentClass'
import './app.scss'

/** The app's composition root: one RootStore for the whole run. */
function App({ children }: PropsWithChildren) {
  // The platform test written out (not `isWeApp`): webpack decides it at build time, so the
  // mini-program's main package drops the local mode's sign-in and storage (issue 23).
  const [store] = useState(
    () =>
      new RootStore({
        client: createPlatformClient(),
        tokens: process.env.TARO_ENV === 'weapp' ? null : tokenStorage,
        localSignIn: process.env.TARO_ENV === 'weapp' ? null : (openid) => localLogin(API_BASE, openid),
        privacyConsent: process.env.TARO_ENV === 'weapp' ? null : consentStorage
      })
  )
  // WeChat asks for privacy consent when a privacy API is first called; the pages show the popup.
  useEffect(() => listenForPrivacyRequests(store.privacy), [store])
  return (
    <StoreContext.Provider value={store}>
      {children}
      {/* H5: the policy must be accepted before the app is used (rendered above every page). The
          build-time test lets the mini-program build drop the modal's code. */}
      {process.env.TARO_ENV === 'h5' && <PrivacyGate />}
      {/* H5: 长辈模式 reaches the tab bar, toasts and modals (outside the page frames) through <html>. */}
      {process.env.TARO_ENV === 'h5' && <DocumentClass />}
    </StoreContext.Provider>
  )
}

export default App
