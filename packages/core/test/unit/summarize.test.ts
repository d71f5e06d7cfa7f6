// What deciding keeps of each target (read/summarize.ts).
import { expect, it } from 'vitest'
import { resolveOptions } from '../../src/options.js'
import { readStream } from '../../src/read/read-stream.js'
import { targetSummary } from '../../src/read/summarize.js'
import { Reporter } from '../../src/report/reporter.js'

const summaries = (text: string) => {
  const report = new Reporter()
  const facts = readStream('in.yaml', text, resolveOptions({}).readOptions, report)
  expect(report.errors).toEqual([])
  return facts.docs.flatMap(d => d.objects).map(o => targetSummary(o.target!))
}

it('holds one list for equal lists of data keys, whatever order they were written in', () => {
  const [a, b, c, d] = summaries([
    'kind: ConfigMap\napiVersion: v1\nmetadata: {name: a}\ndata: {x: "1", q: "2"}\n',
    'kind: ConfigMap\napiVersion: v1\nmetadata: {name: b}\ndata: {q: "3", x: "4"}\n',
    'kind: Secret\napiVersion: v1\nmetadata: {name: c}\nstringData: {x: "5"}\ndata: {q: NQ==}\n',
    'kind: ConfigMap\napiVersion: v1\nmetadata: {name: d}\ndata: {x: "1"}\n',
  ].join('---\n'))
  expect(a!.keys).toEqual(['q', 'x'])
  expect(b!.keys).toBe(a!.keys)
  expect(c!.keys).toBe(a!.keys)
  expect(d!.keys).toEqual(['x'])
  expect(Object.isFrozen(a!.keys)).toBe(true)
})
