/**
 * The `cloudbase` jest project (setupFilesAfterEach): after each file, the queries that no index of
 * cloud/store/cloudbase/schema.ts served in the emulators it started (cloud/emulator/indexes.ts).
 * The journeys (test/e2e) must have none; elsewhere they are only reported, to the file named by
 * UNINDEXED_REPORT (JSON lines) when it is set.
 */
import fs from 'node:fs'
import { unindexedQueries } from '../../cloud/emulator/install'

afterAll(() => {
  const found = unindexedQueries()
  const file = expect.getState().testPath ?? ''
  if (process.env.UNINDEXED_REPORT && found.length) {
    fs.appendFileSync(process.env.UNINDEXED_REPORT, found.map((q) => JSON.stringify({ file, ...q })).join('\n') + '\n')
  }
  if (/[/\\]test[/\\]e2e[/\\]/.test(file)) expect(found).toEqual([])
})
