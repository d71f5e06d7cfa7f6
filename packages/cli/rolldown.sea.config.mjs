// The bundle of the single executable (scripts/release.mjs): Node's single
// executable applications run one CommonJS file that can require only
// built-in modules, so everything, the configuration chunk included, goes
// into one .cjs. Written to $CMHASH_SEA_OUT (default dist/sea).
import { defineConfig } from 'rolldown'
import { shared } from './rolldown.config.mjs'

export default defineConfig({
  input: { cmhash: 'sea/main.mjs' },
  ...shared,
  output: { dir: process.env.CMHASH_SEA_OUT ?? 'dist/sea', format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
})
