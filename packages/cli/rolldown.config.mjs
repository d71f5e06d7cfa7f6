// The CLI ships as one bundled file (plus a lazily loaded chunk for the
// configuration module and ajv): loading one file instead of ~100 modules
// takes tens of milliseconds off every run, which is most of the time on a
// small input.
import { defineConfig } from 'rolldown'

export default defineConfig({
  input: { cmhash: 'dist/cli.js' },
  platform: 'node',
  output: { dir: 'dist/bundle', format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: '[name].mjs' },
  external: [/^node:/],
})
