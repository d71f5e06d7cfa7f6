import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * The objects of a YAML stream as kubectl reads them: `kubectl patch --local`
 * with an empty merge patch decodes the file with kubectl's own reader (the
 * one `kubectl apply -f` uses: k8s.io/apimachinery's YAML reader and goyaml
 * v2 through sigs.k8s.io/yaml), changes nothing, and needs no cluster.
 * `List`s are flattened. Every document must be a Kubernetes object.
 * (`kubectl kustomize` is not this reader: it reads with goyaml v3, which
 * differs at the end of a file and on YAML 1.1 booleans.)
 */
export function kubectlRead(yaml: string | ReadonlyArray<{ readonly content: string }>): unknown[] {
  return parseJsonStream(kubectlJson(yaml)).flatMap(o => (isList(o) ? o.items : [o]))
}

/**
 * What kubectl prints for {@link kubectlRead}: the objects as JSON text, one
 * after another. Several files are each read as a file of their own (the
 * end of each is a line break to kubectl), in order.
 */
export function kubectlJson(yaml: string | ReadonlyArray<{ readonly content: string }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cmhash-k8s-read-'))
  try {
    const files = (typeof yaml === 'string' ? [{ content: yaml }] : yaml).map((f, i) => {
      const file = join(dir, `in-${String(i).padStart(4, '0')}.yaml`)
      writeFileSync(file, f.content)
      return ['-f', file]
    })
    const out = execFileSync('kubectl', ['patch', '--local', '--type', 'merge', '-p', '{}', '-o', 'json', ...files.flat()], {
      encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, KUBECONFIG: '/dev/null' }, stdio: ['ignore', 'pipe', 'pipe'],
    })
    return out
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function parseJsonStream(text: string): unknown[] {
  const out: unknown[] = []
  let depth = 0
  let start = -1
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') inString = true
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i
    } else if (c === '}' || c === ']') {
      if (--depth === 0) out.push(JSON.parse(text.slice(start, i + 1)))
    }
  }
  return out
}

function isList(o: unknown): o is { items: unknown[] } {
  return typeof o === 'object' && o !== null && (o as { kind?: unknown }).kind === 'List' && Array.isArray((o as { items?: unknown }).items)
}

/**
 * {@link kubectlRead}, carrying on past documents kubectl refuses (one that
 * is not an object, say): the objects it read, and how many it refused. Its
 * messages are not returned: they can quote a Secret's value.
 */
export function kubectlReadLenient(files: ReadonlyArray<{ readonly content: string }>): { objects: unknown[]; refused: number } {
  const dir = mkdtempSync(join(tmpdir(), 'cmhash-k8s-read-'))
  try {
    const args = files.flatMap((f, i) => {
      const file = join(dir, `in-${String(i).padStart(4, '0')}.yaml`)
      writeFileSync(file, f.content)
      return ['-f', file]
    })
    const r = spawnSync('kubectl', ['patch', '--local', '--type', 'merge', '-p', '{}', '-o', 'json', ...args], {
      encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, KUBECONFIG: '/dev/null' },
    })
    const refused = r.stderr.split('\n').filter(l => l.startsWith('error:')).length
    return { objects: parseJsonStream(r.stdout).flatMap(o => (isList(o) ? o.items : [o])), refused }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
