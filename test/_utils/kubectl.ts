import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * kubectl (with kustomize built in) is installed on every machine this
 * project runs on, CI included, so differential tests run it for real and
 * fail loudly when it is missing. Set CMHASH_SKIP_KUBECTL=1 to skip them on a
 * machine without it.
 */
export const skipKubectl: boolean = process.env.CMHASH_SKIP_KUBECTL === '1'

export function kubectlVersion(): string {
  return execFileSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).trim()
}

/** Runs `kubectl kustomize` on a directory made from `files`; returns its stdout. */
export function kustomize(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cmhash-kustomize-'))
  try {
    for (const [name, content] of Object.entries(files)) {
      const path = join(dir, name)
      mkdirSync(join(path, '..'), { recursive: true })
      writeFileSync(path, content)
    }
    return execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
