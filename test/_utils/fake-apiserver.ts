// A stand-in for a Kubernetes API server, enough for the real kubectl to run
// `api-resources` and `get -o json|yaml` against it: discovery documents
// and list endpoints (cluster-wide and per namespace), answered from
// objects held in memory. Resources can be made forbidden (403) and API
// groups unavailable (503), as RBAC and a broken aggregated API make them.
// No cluster is available to these tests; kubectl itself is.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface FakeResource {
  readonly group: string
  readonly version: string
  /** Plural, as discovery lists it. */
  readonly resource: string
  readonly kind: string
  readonly namespaced: boolean
  readonly shortNames?: readonly string[]
}

export interface FakeCluster {
  readonly resources: readonly FakeResource[]
  /** Objects by `resource` or `resource.group`, as they would be served (kind and apiVersion set). */
  readonly objects: Readonly<Record<string, readonly object[]>>
  /** `resource[.group]` names whose list is forbidden. */
  readonly forbidden?: readonly string[]
  /** API groups whose discovery fails with 503. */
  readonly unavailableGroups?: readonly string[]
}

export interface FakeApiServer {
  /** A directory with `kubeconfig` (pointing at the server) and a home for kubectl's cache. */
  readonly dir: string
  /** Environment for kubectl: KUBECONFIG and HOME in `dir`. */
  readonly env: NodeJS.ProcessEnv
  /** The paths requested, in order. */
  readonly requests: string[]
  close(): Promise<void>
}

export async function startFakeApiServer(cluster: FakeCluster): Promise<FakeApiServer> {
  const requests: string[] = []
  const server = createServer((req, res) => {
    requests.push(req.url ?? '')
    answer(cluster, req, res)
  })
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  const dir = mkdtempSync(join(tmpdir(), 'cmhash-apiserver-'))
  const kubeconfig = join(dir, 'kubeconfig')
  writeFileSync(kubeconfig, [
    'apiVersion: v1', 'kind: Config',
    `clusters: [{name: fake, cluster: {server: "http://127.0.0.1:${port}"}}]`,
    'users: [{name: fake, user: {}}]',
    'contexts: [{name: fake, context: {cluster: fake, user: fake}}, {name: other, context: {cluster: fake, user: fake}}]',
    'current-context: fake', '',
  ].join('\n'))
  return {
    dir,
    env: { ...process.env, KUBECONFIG: kubeconfig, HOME: dir },
    requests,
    close: () => new Promise<void>(done => server.close(() => {
      rmSync(dir, { recursive: true, force: true })
      done()
    })),
  }
}

function answer(cluster: FakeCluster, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://fake')
  const send = (code: number, body: unknown) => {
    res.writeHead(code, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const status = (code: number, reason: string, message: string) => send(code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code })
  const groups = [...new Set(cluster.resources.map(r => r.group).filter(g => g !== ''))]
  const versionOf = (g: string) => cluster.resources.find(r => r.group === g)!.version
  const path = url.pathname
  if (path === '/version') return send(200, { major: '1', minor: '32', gitVersion: 'v1.32.0' })
  if (path === '/api') return send(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] })
  if (path === '/apis') {
    return send(200, {
      kind: 'APIGroupList', apiVersion: 'v1',
      groups: groups.map(g => ({ name: g, versions: [{ groupVersion: `${g}/${versionOf(g)}`, version: versionOf(g) }], preferredVersion: { groupVersion: `${g}/${versionOf(g)}`, version: versionOf(g) } })),
    })
  }
  const discovery = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path)
  if (discovery) {
    const group = discovery[2] ?? ''
    if (cluster.unavailableGroups?.includes(group)) return status(503, 'ServiceUnavailable', 'the server is currently unable to handle the request')
    const resources = cluster.resources.filter(r => r.group === group)
    return send(200, {
      kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${discovery[3]}` : 'v1',
      resources: resources.map(r => ({
        name: r.resource, singularName: r.kind.toLowerCase(), namespaced: r.namespaced, kind: r.kind,
        verbs: ['delete', 'get', 'list', 'watch'], ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      })),
    })
  }
  const list = /^\/(?:api\/v1|apis\/([^/]+)\/[^/]+)\/(?:namespaces\/([^/]+)\/)?([^/]+)$/.exec(path)
  if (list) {
    const group = list[1] ?? ''
    const namespace = list[2]
    const r = cluster.resources.find(x => x.group === group && x.resource === list[3])
    if (!r) return status(404, 'NotFound', 'the server could not find the requested resource')
    const name = group ? `${r.resource}.${group}` : r.resource
    if (cluster.forbidden?.includes(name)) {
      return status(403, 'Forbidden', `${r.resource}${group ? `.${group}` : ''} is forbidden: User "ci" cannot list resource "${r.resource}" in API group "${group}" ${namespace ? `in the namespace "${namespace}"` : 'at the cluster scope'}`)
    }
    const items = (cluster.objects[name] ?? []).filter(o => namespace === undefined || (o as { metadata?: { namespace?: string } }).metadata?.namespace === namespace)
    return send(200, { kind: `${r.kind}List`, apiVersion: group ? `${group}/${r.version}` : 'v1', metadata: { resourceVersion: '4242' }, items })
  }
  status(404, 'NotFound', 'the server could not find the requested resource')
}
