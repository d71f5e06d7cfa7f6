import { expect } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { build, CmhashError, type BuildOptions, type BuildResult, type ErrorDetail } from '@cmhash/core'

/** Builds inline YAML (one file, `in.yaml`). */
export function run(yaml: string, options?: BuildOptions): BuildResult {
  return build([{ path: 'in.yaml', content: yaml }], options)
}

/** The output's documents as plain objects. */
export function objects(output: string): Array<Record<string, any>> {
  return parseAllDocuments(output).map(d => {
    if (d.errors.length) throw new Error(d.errors[0]!.message)
    return d.toJS() as Record<string, any>
  })
}

/** The output object of a kind and name (name before hashing for ConfigMaps/Secrets). */
export function find(output: string, kind: string, name: string, namespace?: string): Record<string, any> {
  const found = objects(output).filter(o => o.kind === kind &&
    (o.metadata?.name === name || o.metadata?.annotations?.['cmhash.dev/name'] === name) &&
    (namespace === undefined || o.metadata?.namespace === namespace))
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${found.length}`)
  return found[0]!
}

/** Reads `a.b[0]["c.d"]` from an object. */
export function at(obj: unknown, path: string): unknown {
  const keys = [...path.matchAll(/\["([^"]+)"\]|\[(\d+)\]|([^.[\]]+)/g)].map(m => m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]!))
  return keys.reduce<any>((o, k) => (o === null || o === undefined ? undefined : o[k]), obj)
}

/** The errors a call throws; fails the test when it throws something else or nothing. */
export function errorsOf(fn: () => unknown): readonly ErrorDetail[] {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(CmhashError)
    return (e as CmhashError).errors
  }
  throw new Error('expected a CmhashError')
}
