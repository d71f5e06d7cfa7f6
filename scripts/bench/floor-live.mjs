// The floor for reading a live-state export: read the file, JSON.parse it
// and walk every node of every item, nothing else. Run as its own process,
// like cmhash prune.
import { readFileSync, writeSync } from 'node:fs'

const list = JSON.parse(readFileSync(process.argv[2], 'utf8'))
let nodes = 0
const walk = v => {
  nodes++
  if (Array.isArray(v)) for (const x of v) walk(x)
  else if (v && typeof v === 'object') for (const k in v) walk(v[k])
}
for (const item of list.items) walk(item)
writeSync(1, `${list.items.length} items, ${nodes} nodes\n`)
