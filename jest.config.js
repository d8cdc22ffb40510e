// One Jest project per package (every folder under packages/); tests run against src/ (no build) through @swc/jest.
const { readdirSync, existsSync } = require('node:fs')
const { join } = require('node:path')

const packages = readdirSync(join(__dirname, 'packages')).filter((name) =>
  existsSync(join(__dirname, 'packages', name, 'package.json')),
)

const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
]

// Every @tributary/<pkg> import (and a venue's /testing entry) resolves to that package's source.
const moduleNameMapper = {
  '^@tributary/([a-z0-9-]+)/testing$': '<rootDir>/../$1/src/testing/index.ts',
  '^@tributary/([a-z0-9-]+)$': '<rootDir>/../$1/src/index.ts',
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
