import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createSqliteStore } from '../../cloud/store/sqlite'
import { describeStoreContract } from './storeContract'

describeStoreContract('SQLite', async () => createSqliteStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'civic-contract-')), 'civic.db')))
