import js from '@eslint/js'
import pluginQuery from '@tanstack/eslint-plugin-query'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Forbids files matching `files` to import from the named src/ folders (tests may use the fake backend). */
function layer(files, folders, message) {
  return [
    {
      files: [files],
      ignores: ['src/**/*.test.{ts,tsx}'],
      rules: {
        'no-restricted-imports': ['error', { patterns: [{ regex: `^(\\.\\./)+(${folders.join('|')})/`, message }] }],
      },
    },
  ]
}

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
  // The layers: app/ composes the features and nothing imports it; the features share through ui/ and lib/; ui/
  // imports no feature; lib/ imports neither; the fake backend imports no UI. A wrong arrow fails lint.
  ...layer('src/{pools,ips,connection,activity}/**', ['app'], 'app/ composes the features; nothing imports it.'),
  ...layer(
    'src/ui/**',
    ['app', 'pools', 'ips', 'connection', 'activity', 'mocks'],
    'ui/ holds what features share, so it imports no feature.',
  ),
  ...layer(
    'src/lib/**',
    ['app', 'ui', 'pools', 'ips', 'connection', 'activity', 'mocks'],
    'lib/ is the bottom layer: no React, no UI, no feature.',
  ),
  ...layer('src/mocks/**', ['app', 'ui', 'connection', 'activity', 'ips'], 'The fake backend imports no UI.'),
  ...layer(
    'src/shared/**',
    ['app', 'ui', 'lib', 'pools', 'ips', 'connection', 'activity', 'mocks'],
    'shared/ is what the browser and the server both use: it imports nothing of either.',
  ),
  {
    files: ['server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+src/(?!shared/)',
              message: 'The server shares code with the app only through src/shared/.',
            },
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
