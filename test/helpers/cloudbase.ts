import { emulatedCloudBase } from '../../cloud/emulator/install'
import type { EmulatorOptions } from '../../cloud/emulator/database'
import { createCloudBaseStore, type Database } from '../../cloud/store/cloudbase'

/**
 * The CloudBase store as production builds it — the real wx-server-sdk's `database()` — with
 * the SDK's requests answered by a fresh emulated database server.
 */
export function emulatedStore(opts: EmulatorOptions = {}) {
  const { emulator, sdk } = emulatedCloudBase(opts)
  const db = sdk.database({ throwOnNotFound: false }) as Database
  return { emulator, db, store: createCloudBaseStore(db) }
}
