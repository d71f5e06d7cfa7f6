#!/usr/bin/env node
// The npm package's entry point. All it does is in main() (src/cli.ts),
// which the single executable's sea/main.mjs calls too.
import { main } from '../dist/bundle/cmhash.mjs'

await main()
