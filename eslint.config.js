import js from '@eslint/js'
import pluginQuery from '@tanstack/eslint-plugin-query'
import checkFile from 'eslint-plugin-check-file'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const FEATURES = ['pools', 'ips', 'connection', 'activity', 'delivery', 'alerts', 'layout']

const SERVER_SHARES_ONLY_SHARED = {
  regex: '^(\\.\\./)+src/(?!shared/)',
  message: 'The server shares code with the app only through src/shared/.',
}

/** Forbids `files` to import what `patterns` name (tests may reach into what they test, and use the fake backend). */
function restrict(files, patterns) {
  return {
    files: [files],
    ignores: ['src/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  }
}
const folders = (names, message) => ({ regex: `^(\\.\\./)+(${names.join('|')})(/|$)`, message })
/** Another feature's files other than its entry (index.ts): `../pools` is fine, `../pools/queries` is not. */
const intoFeature = (names) => ({
  regex: `^\\.\\./(${names.join('|')})/.+`,
  message: 'A feature is reached through its entry file only: import from "../<feature>", not its files.',
})

export default tseslint.config(
  { ignores: ['dist', 'dist-demo', 'build', 'public/mockServiceWorker.js', 'playwright-report', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginQuery.configs['flat/recommended'],
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@tanstack/query/prefer-query-options': 'error',
    },
  },
  // No import circle of values anywhere in the app. This rule skips type-only imports; scripts/check-imports.mjs
  // (part of npm run lint) holds those too, and that no two rooms reach each other.
  {
    ...importX.flatConfigs.typescript,
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts'],
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.json', 'tsconfig.node.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  // Small enough to read whole: no source file over 250 lines, no function over 150 (blank lines and comments aside).
  // Tests are apart: a test file reads as a list of cases.
  {
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'max-lines': ['error', { max: 250, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 150, skipBlankLines: true, skipComments: true }],
    },
  },
  // One file-name convention: kebab-case (a test or a declaration file keeps its middle extension).
  {
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.{ts,mjs}'],
    plugins: { 'check-file': checkFile },
    rules: {
      'check-file/filename-naming-convention': [
        'error',
        { '**/*.{ts,tsx,mjs}': 'KEBAB_CASE' },
        { ignoreMiddleExtensions: true },
      ],
    },
  },
  // The layers: app/ composes the features and nothing imports it; a feature reaches another only through its entry;
  // ui/ imports no feature; lib/ imports neither; shared/ (the browser's and the server's) imports nothing of either;
  // the fake backend imports no UI, only the rules it shares with the dialogs. A wrong arrow fails lint.
  ...FEATURES.map((feature) =>
    restrict(`src/${feature}/**`, [
      folders(['app'], 'app/ composes the features; nothing imports it.'),
      intoFeature(FEATURES.filter((other) => other !== feature)),
    ]),
  ),
  restrict('src/ui/**', [
    folders(['app', ...FEATURES, 'mocks'], 'ui/ holds what features share, with no domain, so it imports no feature.'),
  ]),
  restrict('src/lib/**', [
    folders(['app', 'ui', ...FEATURES, 'mocks'], 'lib/ is the bottom layer: no React, no UI, no feature.'),
  ]),
  restrict('src/shared/**', [
    folders(
      ['app', 'ui', 'lib', ...FEATURES, 'mocks'],
      'shared/ is what the browser and the server both use: it imports nothing of either.',
    ),
  ]),
  restrict('src/mocks/**', [
    folders(['app', 'ui', 'connection', 'activity'], 'The fake backend imports no UI.'),
    {
      regex: '^\\.\\./(pools|ips)(/(?!ip-rules$).*)?$',
      message:
        'The fake backend takes only the rules it shares with the dialogs (ips/ip-rules; the rest are in shared/).',
    },
  ]),
  { files: ['server/**'], rules: { 'no-restricted-imports': ['error', { patterns: [SERVER_SHARES_ONLY_SHARED] }] } },
  // The store keeps tables; what they mean (delivery, sessions, the journal) is above it.
  {
    files: ['server/store/**'],
    ignores: ['server/store/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            SERVER_SHARES_ONLY_SHARED,
            { regex: '^\\.\\./(?!store/)[^.]', message: 'The store imports nothing of the server above it.' },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**', 'e2e/**', 'server/**', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
)
