import { observer } from 'mobx-react-lite'
import { PageShell } from '../../components/PageShell'

function Page() {
  return <PageShell empty emptyText='随手拍即将开放：上报不文明行为和城市问题' />
}

export default observer(Page)
