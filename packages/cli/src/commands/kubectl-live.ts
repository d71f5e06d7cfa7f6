import { spawn } from 'node:child_process'
import type { BuildInput, PruneKind } from '@cmhash/core'
import { InputError } from '../inputs.js'

/** Where `prune --kubectl` looks: the kubeconfig context, and one namespace or all of them. */
export interface KubectlScope {
  readonly context?: string
  /** List namespaced kinds in this namespace only (those that cannot reference across namespaces). */
  readonly namespace?: string
}

/** The live state as kubectl listed it, and the resources it is complete for. */
export interface KubectlLive {
  readonly inputs: readonly BuildInput[]
  /** Every kind of `kinds`: listed in full, or not served by the cluster (so it has no objects). */
  readonly liveKinds: readonly string[]
  /** The kubectl command lines run, in order. */
  readonly calls: readonly string[]
  /** Kinds the cluster does not serve. */
  readonly notServed: readonly PruneKind[]
}

/**
 * Lists `kinds` with the user's kubectl: `kubectl api-resources -o wide`
 * for what the cluster serves, then one `kubectl get <resource> -A -o json`
 * (or `-n NS`) per served kind, so that a kind that cannot be listed is
 * known. Fails closed: any kubectl call that does not exit 0 (RBAC, an
 * unreachable or partly unavailable API) is an error, and nothing is decided.
 */
export async function listLiveWithKubectl(kinds: readonly PruneKind[], scope: KubectlScope): Promise<KubectlLive> {
  const context = scope.context !== undefined ? ['--context', scope.context] : []
  const calls: string[] = []
  const kubectl = async (args: readonly string[]) => {
    const argv = [...context, ...args]
    calls.push(`kubectl ${argv.join(' ')}`)
    return { argv, ...await runKubectl(argv) }
  }
  const discovery = await kubectl(['api-resources', '-o', 'wide'])
  if (discovery.code !== 0) throw failed(discovery.argv, discovery)
  const served = parseApiResources(discovery.stdout)

  const gets: Array<{ kind: PruneKind; args: string[] }> = []
  const notServed: PruneKind[] = []
  for (const kind of kinds) {
    const rows = served.filter(r => r.kind === kind.kind && (kind.group === undefined || r.group === kind.group))
    if (rows.length === 0) notServed.push(kind)
    for (const row of rows) {
      if (!row.verbs.includes('list')) throw new InputError(`kubectl api-resources says ${row.resource} cannot be listed; prune needs to see every ${kind.kind}, so it decides nothing`)
      const where = !row.namespaced ? [] : scope.namespace !== undefined && !kind.crossNamespace ? ['-n', scope.namespace] : ['-A']
      gets.push({ kind, args: ['get', row.group ? `${row.resource}.${row.group}` : row.resource, ...where, '-o', 'json'] })
    }
  }
  const inputs: BuildInput[] = []
  // A few at once: each is a round trip to the API server.
  for (let i = 0; i < gets.length; i += PARALLEL) {
    const done = await Promise.all(gets.slice(i, i + PARALLEL).map(g => kubectl(g.args)))
    for (const r of done) {
      if (r.code !== 0) throw failed(r.argv, r)
      inputs.push({ path: `kubectl ${r.argv.join(' ')}`, content: r.stdout })
    }
  }
  return { inputs, liveKinds: kinds.map(k => k.resource), calls, notServed }
}

// --- internal ---

const PARALLEL = 4

interface ApiResource {
  readonly resource: string
  readonly group: string
  readonly namespaced: boolean
  readonly kind: string
  readonly verbs: readonly string[]
}

/**
 * The rows of `kubectl api-resources -o wide`: a table aligned in columns
 * (NAME SHORTNAMES APIVERSION NAMESPACED KIND VERBS CATEGORIES), read by the
 * positions of the header's names, since SHORTNAMES and CATEGORIES may be
 * empty. Anything unexpected is an error.
 */
function parseApiResources(text: string): ApiResource[] {
  const [header, ...rows] = text.split('\n').filter(l => l.trim() !== '')
  const columns = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', 'VERBS'] as const
  const at = columns.map(c => (header === undefined ? -1 : new RegExp(`(^|\\s)${c}(\\s|$)`).exec(header)?.index ?? -1))
  if (header === undefined || at.some((x, i) => x < 0 || (i > 0 && x <= at[i - 1]!))) {
    throw new InputError('kubectl api-resources -o wide printed a table cmhash cannot read; prune decides nothing')
  }
  const starts = at.map((x, i) => (i === 0 ? x : x + 1))
  const cell = (row: string, i: number) => row.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : undefined).trim()
  return rows.map(row => {
    const apiVersion = cell(row, 2)
    const namespaced = cell(row, 3)
    const resource = cell(row, 0)
    const kind = cell(row, 4)
    if ((namespaced !== 'true' && namespaced !== 'false') || !resource || !kind || !apiVersion) {
      throw new InputError(`kubectl api-resources -o wide printed a row cmhash cannot read (${JSON.stringify(row.trim())}); prune decides nothing`)
    }
    const verbs = row.slice(starts[5]).trim().split(/\s+/)[0] ?? ''
    return {
      resource, kind, namespaced: namespaced === 'true',
      group: apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '',
      verbs: verbs.split(','),
    }
  })
}

interface Ran {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

function runKubectl(argv: readonly string[]): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn('kubectl', argv, { stdio: ['ignore', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => out.push(b))
    child.stderr.on('data', (b: Buffer) => err.push(b))
    child.on('error', e => fail(new InputError(`cannot run kubectl (${(e as NodeJS.ErrnoException).code ?? e.message}); prune --kubectl needs it on PATH`)))
    child.on('close', code => done({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }))
  })
}

function failed(argv: readonly string[], r: Ran): InputError {
  const said = r.stderr.trim().split('\n').filter(l => l.trim() !== '').slice(-3).join(' / ')
  return new InputError(`kubectl ${argv.join(' ')} failed (exit ${r.code})${said ? `: ${said}` : ''}; prune decides nothing unless it can list every kind it needs`)
}
