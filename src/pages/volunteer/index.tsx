import { observer } from 'mobx-react-lite'
import { PageShell } from '../../components/PageShell'

function Page() {
  return <PageShell empty emptyText='志愿活动即将开放' />
}

export default observer(Page)
