import { useState, type PropsWithChildren } from 'react'
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import { RootStore, StoreContext } from './stores/root'
import { createPlatformClient, isWeApp, tokenStorage, API_BASE } from './services/platform'
import { localLogin } from './services/cloud'
import './app.scss'

/** The app's composition root: one RootStore for the whole run. */
function App({ children }: PropsWithChildren) {
  const [store] = useState(
    () =>
      new RootStore({
        client: createPlatformClient(),
        tokens: isWeApp ? null : tokenStorage,
        localSignIn: isWeApp ? null : (openid) => localLogin(API_BASE, openid)
      })
  )
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
}

export default App
