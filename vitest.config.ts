import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Tests run against the TypeScript sources, not dist/, through the same
// package names users import; @cmhash/core's build() also checks, on every
// call, that planning in two reads gives what one read does
// (test/setup/core-both-ways.ts).
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@cmhash\/core$/, replacement: fileURLToPath(new URL('./test/setup/core-both-ways.ts', import.meta.url)) },
      { find: /^@cmhash\/core\/config$/, replacement: fileURLToPath(new URL('./packages/core/src/config/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    setupFiles: ['./test/setup/silent-dependencies.ts'],
    globalSetup: ['./test/setup/code-cache.ts'],
    reporters: ['default', './scripts/vitest-summary.ts'],
  },
})
