import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const path = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^#lib\/(.*)$/, replacement: path('./src/lib/$1') },
      // graphql 17 ships a separate `development` build that Vite would pick for our sources while
      // Node loads the production one for yoga and Pothos; two copies break `instanceof GraphQLError`.
      { find: /^graphql$/, replacement: path('./node_modules/graphql/index.mjs') }
    ]
  },
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default']
  }
});
