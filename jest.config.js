// One Jest project per package; tests run against src/ (no build) through @swc/jest.
const packages = ['core', 'testkit', 'okx', 'kucoin', 'weex', 'spread']

const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
]

const moduleNameMapper = {
  '^@tributary/(okx|kucoin|weex)/testing$': '<rootDir>/../$1/src/testing/index.ts',
  '^@tributary/(core|testkit|okx|kucoin|weex|spread)$': '<rootDir>/../$1/src/index.ts',
}

/** @type {import('jest').Config} */
module.exports = {
  projects: packages.map((name) => ({
    displayName: name,
    rootDir: `<rootDir>/packages/${name}`,
    testEnvironment: 'node',
    roots: ['<rootDir>/src'],
    testMatch: ['**/*.test.ts'],
    transform: { '^.+\\.ts$': swc },
    moduleNameMapper,
  })),
  testTimeout: 15000,
}
