import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const MARK = 'cmhash.test/read'

/**
 * The objects of a YAML stream as kubectl reads them: `kubectl annotate
 * --local -o json` decodes the file with kubectl's own reader (the one
 * `kubectl apply -f` uses: k8s.io/apimachinery's YAML reader and goyaml v2
 * through sigs.k8s.io/yaml) and needs no cluster. The annotation it must add
 * is taken out again. Every document must be a Kubernetes object.
 */
export function kubectlRead(yaml: string): unknown[] {
  const dir = mkdtempSync(join(tmpdir(), 'cmhash-k8s-read-'))
  try {
    const file = join(dir, 'in.yaml')
    writeFileSync(file, yaml)
    const out = execFileSync('kubectl', ['annotate', '--local', '-f', file, '-o', 'json', `${MARK}=1`], {
      encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, KUBECONFIG: '/dev/null' }, stdio: ['ignore', 'pipe', 'pipe'],
    })
    return parseJsonStream(out).flatMap(o => (isList(o) ? o.items : [o])).map(unmark)
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

function unmark(o: unknown): unknown {
  const meta = (o as { metadata?: { annotations?: Record<string, string> } }).metadata
  if (meta?.annotations) {
    delete meta.annotations[MARK]
    if (Object.keys(meta.annotations).length === 0) delete meta.annotations
  }
  return o
}
