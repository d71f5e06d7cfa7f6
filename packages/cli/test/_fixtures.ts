// What the CLI tests share: small manifests and a temporary directory per test.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach } from 'vitest'

export const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata: {k: v}\n'
export const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i, envFrom: [{configMapRef: {name: app}}]}]}\n'
export const MISSING = 'apiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec: {containers: [{name: c, image: i, envFrom: [{secretRef: {name: nowhere}}]}]}\n'

/** The repository's root, for examples and fixtures. */
export const ROOT: string = new URL('../../..', import.meta.url).pathname

/** A new empty directory for each test: `scratch.dir`. */
export const scratch: { dir: string } = { dir: '' }
beforeEach(() => {
  scratch.dir = mkdtempSync(join(tmpdir(), 'cmhash-cli-'))
})

/** Writes files (paths relative to the test's directory) and returns the directory. */
export function tree(files: Record<string, string | Buffer>): string {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(scratch.dir, name, '..'), { recursive: true })
    writeFileSync(join(scratch.dir, name), content)
  }
  return scratch.dir
}
