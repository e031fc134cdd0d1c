/**
 * Unit, integration (real SQLite, real HTTP) and browser tests, all TypeScript through SWC, in two
 * projects: `sqlite` runs everything on the default store; `cloudbase` runs the integration suites
 * and a browser journey per domain (the feed of issue 13, the console's empty district of issue 14, the case workflow of issue 21, the 积分超市 of issue 28, the 文明户 and the evaluator's walk of issue 26, the console's tables of issue 24, a unit's staff on the phone of issue 24, the villager's views of issue 24) again with STORE=cloudbase (the production adapter through the
 * real wx-server-sdk, answered by the emulated database server).
 */
const base = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', transform: { react: { runtime: 'automatic' } } } }]
  },
  // ESM-only dependencies are compiled like the sources
  transformIgnorePatterns: ['/node_modules/(?!(flatbush|flatqueue|supercluster|kdbush)/)'],
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@tarojs/taro$': '@tarojs/taro-h5'
  }
}

module.exports = {
  // A limit against hangs, not a measure: on a loaded 2-core machine (issue 24: load 16–28 beside
  // five builds) an image test that takes 3 s idle took 40 s. Tests wait for states, never for time.
  testTimeout: 120000,
  maxWorkers: 2,
  projects: [
    // hotDocuments and emulatorModes: the emulator's latency and faults on the CloudBase adapter (issue 22), in the cloudbase project only
    { ...base, displayName: 'sqlite', testMatch: ['**/*.test.ts', '**/*.test.tsx'], testPathIgnorePatterns: ['/node_modules/', '/test/integration/hotDocuments.test.ts', '/test/integration/emulatorModes.test.ts'] },
    {
      ...base,
      displayName: 'cloudbase',
      setupFiles: ['<rootDir>/test/helpers/storeCloudbase.ts'],
      // the journeys fail on any query no declared index serves (cloud/store/cloudbase/schema.ts)
      setupFilesAfterEnv: ['<rootDir>/test/helpers/unindexed.ts'],
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/e2e/{foundation,report,feed,moderation,volunteer,ranking,adminEmptyDistrict,caseWorkflow,adminWorkflow,points,adminCampaign,households,adminHouseholds,categoryQuestions,campaignWalk,adminOpen311,locateRefused,adminTables,staffPhone,adminCampaignMap,villagerViews,supportCarries,reportTaps,adminSupplement}.test.ts'],
      // SIGKILL of the server: what survives is SQLite's business (the emulator keeps data in memory)
      testPathIgnorePatterns: ['/node_modules/', '/test/integration/crash.test.ts', '/test/integration/wechat-entry.test.ts', '/test/integration/wechat-photos.test.ts', '/test/integration/cloudbase-faithful.test.ts', '/test/integration/faults.test.ts', '/test/integration/calls.test.ts', '/test/integration/consoleCloudbase.test.ts', '/test/integration/deploy.test.ts', '/test/integration/exportCloudbase.test.ts', '/test/integration/benchGuard.test.ts']
    }
  ]
}
