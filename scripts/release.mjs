#!/usr/bin/env node
// pnpm release: everything a user installs, in release/ (git-ignored):
//
//   cmhash-core-<v>.tgz, cmhash-<v>.tgz   the npm packages, packed by pnpm (which
//                                         turns workspace: and catalog: ranges
//                                         into versions; npm pack leaves them)
//   cmhash-linux-x64                      the CLI as one executable (Node's single
//                                         executable applications), no Node needed
//   cmhash-linux-x64.tar.gz               that executable with its licences: the
//                                         archive the krew manifest points at
//   plugins/cmhash.yaml                   the krew manifest, with the archive's sha256
//   SHA256SUMS
//
// Options: --out DIR (default release/), --skip-build (dist/ is current),
// --no-sea (the npm packages only). CMHASH_RELEASE_URL is where the archive
// will be downloaded from (the krew manifest's uri); without it the uri is a
// placeholder, and `kubectl krew install --manifest ... --archive ...`
// installs from the local file.
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'

const root = resolve(import.meta.dirname, '..')
const { values } = parseArgs({ options: { out: { type: 'string' }, 'skip-build': { type: 'boolean' }, 'no-sea': { type: 'boolean' } } })
const out = resolve(values.out ?? join(root, 'release'))
const { version } = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8'))
const started = performance.now()

const step = (what, fn) => {
  const t = performance.now()
  const result = fn()
  console.log(`${what} (${((performance.now() - t) / 1000).toFixed(1)} s)`)
  return result
}

/** Runs a command; its output is shown only when it fails. */
function sh(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options })
  if (r.status !== 0) {
    process.stderr.write(r.stdout ?? '')
    process.stderr.write(r.stderr ?? '')
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})`)
  }
  return r.stdout
}

if (!values['skip-build']) step('built the packages', () => sh('pnpm', ['build'], { cwd: root }))
rmSync(out, { recursive: true, force: true })
mkdirSync(join(out, 'plugins'), { recursive: true })
const artifacts = []

// The npm packages. pnpm pack rewrites workspace:/catalog: ranges and adds
// the workspace's LICENSE; each package has its own README.
for (const pkg of ['core', 'cli']) {
  const file = step(`packed packages/${pkg}`, () => sh('pnpm', ['pack', '--pack-destination', out], { cwd: join(root, 'packages', pkg) }))
    .trim().split('\n').pop()
  const manifest = execFileSync('tar', ['-xzOf', file, 'package/package.json'], { encoding: 'utf8' })
  if (/"(workspace|catalog):/.test(manifest)) throw new Error(`${file}: package.json still has a workspace: or catalog: range`)
  artifacts.push(file)
}

if (!values['no-sea']) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    console.log(`no single executable: it is built for linux-x64 from the running node, and this is ${process.platform}-${process.arch}`)
  } else {
    const { binary, archive } = buildExecutable()
    artifacts.push(binary, archive, writeKrewManifest(archive))
  }
}

writeFileSync(join(out, 'SHA256SUMS'), artifacts.filter(f => !f.endsWith('.yaml')).map(f => `${sha256(f)}  ${relative(out, f)}\n`).join(''))
console.log(`\n${relative(process.cwd(), out) || '.'}/ (${((performance.now() - started) / 1000).toFixed(1)} s):`)
for (const f of artifacts) console.log(`  ${relative(out, f).padEnd(32)} ${size(statSync(f).size).padStart(9)}`)

// --- the single executable ---

function buildExecutable() {
  const work = mkdtempSync(join(out, '.work-'))
  try {
    // One CommonJS file (a single executable runs only that), then Node's
    // blob with a V8 code cache of it: about 15 ms less start-up than
    // without, for 0.1 MB (a startup snapshot saves ~10 ms more but adds 6 MB,
    // and Node warns that child_process, which diff --git uses, may not be
    // restored correctly from one).
    step('bundled the CLI as one CommonJS file', () => sh('pnpm', ['exec', 'rolldown', '-c', 'rolldown.sea.config.mjs', '--log-level', 'silent'], {
      cwd: join(root, 'packages/cli'), env: { ...process.env, CMHASH_SEA_OUT: work },
    }))
    writeFileSync(join(work, 'sea-config.json'), JSON.stringify({
      main: join(work, 'cmhash.cjs'), output: join(work, 'sea.blob'), disableExperimentalSEAWarning: true, useCodeCache: true,
    }))
    step('prepared the single executable blob', () => sh(process.execPath, ['--experimental-sea-config', join(work, 'sea-config.json')], { cwd: work }))
    const binary = join(out, 'cmhash-linux-x64')
    copyFileSync(process.execPath, binary)
    chmodSync(binary, 0o755)
    step('injected it into a copy of node', () => sh('pnpm', ['exec', 'postject', binary, 'NODE_SEA_BLOB', join(work, 'sea.blob'),
      '--sentinel-fuse', 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'], { cwd: root }))
    const said = sh(binary, ['--version'], { env: { PATH: '' } })
    if (said !== `cmhash ${version}\n`) throw new Error(`the executable says ${JSON.stringify(said)}`)

    // The archive: the executable, cmhash's licence, and the licences of what
    // it holds (the npm packages bundled in, and Node.js itself).
    const dir = join(work, 'archive')
    mkdirSync(dir)
    copyFileSync(binary, join(dir, 'cmhash'))
    copyFileSync(join(root, 'LICENSE'), join(dir, 'LICENSE'))
    writeFileSync(join(dir, 'THIRD-PARTY-LICENSES.txt'),
      `${readFileSync(join(work, 'THIRD-PARTY-LICENSES.txt'), 'utf8')}\n${'-'.repeat(72)}\n\nNode.js ${process.version} (the runtime the executable is built on)\n\n${readFileSync(nodeLicence(), 'utf8')}`)
    const archive = join(out, 'cmhash-linux-x64.tar.gz')
    // Sorted names, fixed times and owners, no gzip timestamp: the same files make the same archive.
    step('archived it', () => execFileSync('sh', ['-c', 'tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - cmhash LICENSE THIRD-PARTY-LICENSES.txt | gzip -n > "$0"', archive], { cwd: dir }))
    return { binary, archive }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** Node's LICENSE, which goes with every copy of its binary: beside an official build, or where a distribution puts it. */
function nodeLicence() {
  const prefix = dirname(dirname(process.execPath))
  const found = [join(prefix, 'LICENSE'), join(prefix, 'share/doc/node/LICENSE'), '/usr/share/doc/nodejs/LICENSE', '/usr/share/licenses/nodejs/LICENSE'].find(f => existsSync(f))
  if (!found) throw new Error(`cannot find the LICENSE of the Node.js at ${process.execPath}; it must go into the archive with the executable`)
  return found
}

// --- krew ---

function writeKrewManifest(archive) {
  const base = process.env.CMHASH_RELEASE_URL ?? `https://example.invalid/cmhash/v${version}/`
  const uri = new URL('cmhash-linux-x64.tar.gz', base.endsWith('/') ? base : `${base}/`).href
  const file = join(out, 'plugins/cmhash.yaml')
  writeFileSync(file, `# The krew manifest of cmhash ${version}, written by pnpm release.
# Without CMHASH_RELEASE_URL the uri is a placeholder; install from the
# local archive with:
#   kubectl krew install --manifest=release/plugins/cmhash.yaml --archive=release/cmhash-linux-x64.tar.gz
apiVersion: krew.googlecontainertools.github.com/v1alpha2
kind: Plugin
metadata:
  name: cmhash
spec:
  version: v${version}
  shortDescription: Content-hashed, immutable ConfigMaps and Secrets
  description: |
    Renames every ConfigMap and Secret that workloads use to name-<hash of
    its content> (the suffix kubectl kustomize gives the same content),
    marks it immutable and rewrites every reference to it, so a config
    change rolls the pods that use it and a rollback restores the old one.
    Reads manifests from files, directories or stdin, offline:
    kubectl cmhash build k8s/ | kubectl apply -f -
  platforms:
  - selector:
      matchLabels:
        os: linux
        arch: amd64
    uri: ${uri}
    sha256: ${sha256(archive)}
    bin: cmhash
    files:
    - from: cmhash
      to: .
    - from: LICENSE
      to: .
    - from: THIRD-PARTY-LICENSES.txt
      to: .
`)
  return file
}

function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

function size(bytes) {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`
}
