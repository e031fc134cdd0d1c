import { observer } from 'mobx-react-lite'
import { PageShell } from '../../components/PageShell'

function Page() {
  return <PageShell empty emptyText='村居排行即将开放' />
}

export default observer(Page)
