import type { CloudClient } from '../services/cloud'
import type { SessionStore } from './session'
import { useStore } from './root'

/** 编辑资料's account actions (sub-user's profile page only, so kept out of the main package's SessionStore). */
export class AccountActions {
  constructor(private readonly client: CloudClient, private readonly session: SessionStore) {}

  /** 个人信息保护法: what the district holds about me. */
  async myData() {
    return this.client.call('user', 'myData', {})
  }

  /** 账号注销: the account goes, the cases and hours stay for the record anonymously; signed out after. */
  async deleteAccount(): Promise<void> {
    await this.client.call('user', 'deleteAccount', { confirm: '注销' })
    this.session.signOut()
  }
}

/** The account actions of the app's RootStore. */
export function useAccount(): AccountActions {
  return useStore().lazy('account', (root) => new AccountActions(root.client, root.session))
}
