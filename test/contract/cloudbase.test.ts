import { createCloudBaseStore, prepareCollections, type Database } from '../../cloud/store/cloudbase'
import { emulatedStore } from '../helpers/cloudbase'
import { describeStoreContract } from './storeContract'

// The adapter through the real wx-server-sdk, answered by the emulated database server: always.
describeStoreContract('CloudBase adapter on the real SDK and the emulated server', async () => emulatedStore({ seed: 7 }).store)

/**
 * How the contract runs against a real environment: in collections of its own (`contract_…`),
 * created where missing and emptied before every test, so it can run again and again in the same
 * environment and never touches the product's collections. Proven here on one emulated
 * environment shared by every test, as a real one would be.
 */
const PREFIX = 'contract_'
async function contractStore(db: Database) {
  await prepareCollections(db, PREFIX, { wipe: true })
  return createCloudBaseStore(db, { collectionPrefix: PREFIX })
}
let shared: Database | null = null
describeStoreContract('CloudBase adapter in wiped contract_ collections of one shared environment', async () => {
  shared ??= emulatedStore({ seed: 9 }).db
  return contractStore(shared)
})

// Against a real CloudBase environment: only when one is configured (docs/deploy.md, "Before a release").
const env = process.env.CLOUDBASE_ENV_ID
const secretId = process.env.TENCENTCLOUD_SECRETID
const secretKey = process.env.TENCENTCLOUD_SECRETKEY
if (env && secretId && secretKey) {
  describeStoreContract(`CloudBase environment ${env}`, async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk') as { init(o: object): void; database(o: object): Database }
    cloud.init({ env, secretId, secretKey })
    return contractStore(cloud.database({ throwOnNotFound: false }))
  })
} else {
  describe.skip('store contract: CloudBase environment — skipped: no CloudBase environment configured (set CLOUDBASE_ENV_ID, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY)', () => {
    it('runs the store contract against the real database', () => undefined)
  })
}
