import { createCloudBaseStore, type Database } from '../../cloud/store/cloudbase'
import { createFakeDatabase } from '../helpers/fakeCloudbase'
import { describeStoreContract } from './storeContract'

// The adapter's code against an in-memory database with the SDK's semantics: always.
describeStoreContract('CloudBase adapter on the in-memory database', async () => createCloudBaseStore(createFakeDatabase()))

// Against a real CloudBase environment: only when one is configured.
const env = process.env.CLOUDBASE_ENV_ID
const secretId = process.env.TENCENTCLOUD_SECRETID
const secretKey = process.env.TENCENTCLOUD_SECRETKEY
if (env && secretId && secretKey) {
  describeStoreContract(`CloudBase environment ${env}`, async () => {
    // wx-server-sdk is installed only where this runs: `npm install --no-save wx-server-sdk`.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk') as { init(o: object): void; database(): Database }
    cloud.init({ env, secretId, secretKey })
    return createCloudBaseStore(cloud.database())
  })
} else {
  describe.skip('store contract: CloudBase environment — skipped: no CloudBase environment configured (set CLOUDBASE_ENV_ID, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY)', () => {
    it('runs the store contract against the real database', () => undefined)
  })
}
