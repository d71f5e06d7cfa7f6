// Fidelity as Kubernetes reads it: for every corpus folder and example,
// kubectl itself (its own reader, no cluster) reads the input files and
// cmhash's output, and with the planned edits undone (new names back to
// the old, cmhash's label, annotation and immutable: true taken out) the
// two must be equal, object for object. The yaml package is not the judge
// here: it reads the end of a file, YAML 1.1 scalars and some characters
// otherwise than kubectl does.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { build, type CmhashError, type BuildInput } from '@cmhash/core'
import { undoPlannedEdits } from './_utils/fidelity.js'
import { kubectlReadLenient } from './_utils/k8s-read.js'
import { skipKubectl } from './_utils/kubectl.js'

const ROOT = new URL('..', import.meta.url).pathname
const CORPUS = join(ROOT, 'fixtures/corpus')

function filesBelow(dir: string, prefix: string): BuildInput[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter(p => /\.(ya?ml|json)$/.test(p)).sort()
    .map(p => ({ path: `${prefix}/${p}`, content: readFileSync(join(dir, p), 'utf8') }))
}

const cases: Array<[string, BuildInput[]]> = [
  ...readdirSync(CORPUS, { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name).sort()
    .map(folder => [`corpus/${folder}`, filesBelow(join(CORPUS, folder), folder)] as [string, BuildInput[]]),
  ['examples/basic', filesBelow(join(ROOT, 'examples/basic/k8s'), 'basic')],
  ['examples/helm-stream', [{ path: 'rendered.yaml', content: readFileSync(join(ROOT, 'examples/helm-stream/rendered.yaml'), 'utf8') }]],
]

describe.skipIf(skipKubectl)('kubectl reads from the output what it read from the input, but for the planned edits', () => {
  it.each(cases)('%s', (_name, all) => {
    // Files Kubernetes would reject (corpus.test.ts names them) are left out.
    let inputs = all
    try {
      build(inputs)
    } catch (e) {
      const bad = new Set((e as CmhashError).errors.map(x => x.location?.file))
      inputs = inputs.filter(i => !bad.has(i.path))
    }
    const result = build(inputs)
    const before = kubectlReadLenient(inputs)
    const after = kubectlReadLenient([{ content: result.output }])
    expect(after.refused).toBe(before.refused)
    expect(before.objects.length).toBeGreaterThan(0)
    expect(undoPlannedEdits(after.objects, result.renames, { inputObjects: before.objects })).toEqual(before.objects)
  })
})
