// @ts-check
import { existsSync, readdirSync } from 'node:fs'
import tseslint from 'typescript-eslint'

/** Venue packages are every package but the shared ones: a fourth venue is picked up without editing this file. */
const shared = new Set(['core', 'testkit', 'spread'])
const venues = readdirSync(new URL('./packages', import.meta.url)).filter(
  (name) => !shared.has(name) && existsSync(new URL(`./packages/${name}/package.json`, import.meta.url)),
)
const venuePatterns = (except) =>
  venues.filter((v) => v !== except).flatMap((v) => [`@tributary/${v}`, `@tributary/${v}/*`])

/** Dependencies point one way: spread/CLI → venues → core; testkit → core. */
const boundaries = [
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['@tributary/*'], message: 'core never imports another @tributary package' }],
      }],
    },
  },
  {
    files: ['packages/testkit/src/**/*.ts'],
    ignores: ['packages/testkit/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: [...venuePatterns(''), '@tributary/spread'], message: 'testkit depends on core only: a venue scripts its own simulator' }],
      }],
    },
  },
  ...venues.map((v) => ({
    files: [`packages/${v}/src/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: [...venuePatterns(v), '@tributary/spread'], message: 'a venue package depends on core (and testkit in tests) only; venues never import each other' }],
      }],
    },
  })),
]

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.js', '**/*.mjs', '.turbo/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error'],
      eqeqeq: ['error', 'always'],
    },
  },
  { files: ['packages/spread/src/cli/**/*.ts', 'packages/spread/src/bench/**/*.ts', 'packages/spread/src/bin.ts', '**/scripts/**/*.ts'], rules: { 'no-console': 'off' } },
  ...boundaries,
)
