// The CLI ships as one bundled file (plus a lazily loaded chunk for the
// configuration module and ajv): loading one file instead of ~100 modules
// takes tens of milliseconds off every run, which is most of the time on a
// small input. The bundle holds its dependencies (the package has none to
// install), and knows its version without reading package.json.
import { readFileSync } from 'node:fs'
import { defineConfig } from 'rolldown'

const { version } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8'))

export default defineConfig({
  input: { cmhash: 'dist/cli.js' },
  platform: 'node',
  transform: { define: { CMHASH_VERSION: JSON.stringify(version) } },
  output: { dir: 'dist/bundle', format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: '[name].mjs' },
  external: [/^node:/],
})
