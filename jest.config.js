/** Unit, integration (real SQLite, real HTTP) and browser tests, all TypeScript through SWC. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', transform: { react: { runtime: 'automatic' } } } }]
  },
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@tarojs/taro$': '@tarojs/taro-h5'
  },
  testTimeout: 30000,
  maxWorkers: 2
}
