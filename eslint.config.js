import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  {
    ignores: [
      'build/',
      'dist/',
      '.svelte-kit/',
      'node_modules/',
      'data/',
      'test-results/',
      '.tools/',
      'src/lib/server/db/migrations/'
    ]
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } }
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-undef': 'off'
    }
  },
  {
    // The browser-side code reaches the backend only through GraphQL (DESIGN.md §3, rule 1).
    files: ['src/routes/**', 'src/lib/api/**', 'src/lib/components/**', 'src/lib/i18n/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['#lib/server/*', '**/lib/server/*'],
              message: 'UI code talks to the backend through GraphQL (src/lib/api).'
            }
          ]
        }
      ]
    }
  },
  {
    // Adapters never import each other, and the core/converters import no adapter (rules 2 and 4).
    files: [
      'src/lib/server/core/**',
      'src/lib/server/db/schema/**',
      'src/lib/server/federation/converters/**',
      'src/lib/server/domain/**'
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/graphql/*', '**/federation/*', '**/http/*', '**/cli/*', '**/jobs/handlers/*'],
              message: 'Domain and core code import no adapter.'
            }
          ]
        }
      ]
    }
  }
);
