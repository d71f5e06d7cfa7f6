import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BuildInput, BuildOptions, BuildResult } from '@cmhash/core'

const root = new URL('../../../', import.meta.url).pathname

/** Files of fixtures/presets/<preset>/ (a folder: every YAML file under it), each edited if asked. */
export function fixture(preset: string, file: string, edit: (s: string) => string = s => s): BuildInput[] {
  const dir = join(root, 'fixtures/presets', preset)
  const files = file.endsWith('/') ? (readdirSync(join(dir, file), { recursive: true }) as string[]).filter(f => /\.ya?ml$/.test(f)).sort().map(f => file + f) : [file]
  return files.map(f => ({ path: `${preset}/${f}`, content: edit(readFileSync(join(dir, f), 'utf8')) }))
}

let extras = 0
/** Another input; each its own path, as build refuses a path given twice. */
export const extra = (content: string): BuildInput => ({ path: `extra-${++extras}.yaml`, content })
export const secret = (name: string, keys = 'k: dg==', ns = 'default'): BuildInput =>
  extra(`apiVersion: v1\nkind: Secret\nmetadata: {name: ${name}, namespace: ${ns}}\ndata: {${keys}}\n`)
export const configMap = (name: string, keys = 'k: v', ns = 'default'): BuildInput =>
  extra(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: ${ns}}\ndata: {${keys}}\n`)
export const renamed = (r: BuildResult, name: string): string | undefined => r.renames.find(x => x.originalName === name)?.to
export const possible = (r: BuildResult): Array<string | undefined> => r.warnings.filter(w => w.code === 'POSSIBLE_REFERENCE').map(w => w.resource?.name)
export const without = (preset: string, options: BuildOptions = {}): BuildOptions => ({ ...options, presets: { [preset]: false } })
