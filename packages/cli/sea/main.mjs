// The single executable's entry point, bundled as CommonJS (no top-level
// await): the same main() as bin/cmhash.js, so the two cannot drift.
import { main } from '../dist/cli.js'

void main()
