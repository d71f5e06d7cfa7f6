import { parseArgs } from 'node:util'

/** What the command line asked for. Parsing is pure: argv in, command out. */
export type Command =
  | { readonly name: 'help'; readonly topic?: string }
  | { readonly name: 'version' }
  | { readonly name: 'build'; readonly paths: readonly string[]; readonly outputDir?: string; readonly namespace?: string; readonly strict: boolean; readonly quiet: boolean }

/** A command line cmhash cannot act on; exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export function parseCommand(argv: readonly string[]): Command {
  const [sub, ...rest] = argv
  if (sub === undefined || sub === '-h' || sub === '--help') return { name: 'help' }
  if (sub === 'help') return rest[0] ? { name: 'help', topic: rest[0] } : { name: 'help' }
  if (sub === '-v' || sub === '--version' || sub === 'version') return { name: 'version' }
  if (sub !== 'build') throw new UsageError(`unknown command "${sub}"; try: cmhash build <path>... (see cmhash --help)`)
  let parsed
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      strict: true,
      options: {
        'output-dir': { type: 'string', short: 'o' },
        namespace: { type: 'string', short: 'n' },
        strict: { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e))
  }
  const { values, positionals } = parsed
  if (values.help) return { name: 'help', topic: 'build' }
  if (positionals.length === 0) {
    throw new UsageError('cmhash build needs input: a directory, files, or - for stdin (see cmhash build --help)')
  }
  if (positionals.filter(p => p === '-').length > 1) throw new UsageError('- (stdin) can be given only once')
  if (values.namespace !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(values.namespace)) {
    throw new UsageError(`--namespace ${JSON.stringify(values.namespace)} is not a valid namespace name`)
  }
  return {
    name: 'build',
    paths: positionals,
    ...(values['output-dir'] !== undefined ? { outputDir: values['output-dir'] } : {}),
    ...(values.namespace !== undefined ? { namespace: values.namespace } : {}),
    strict: values.strict ?? false,
    quiet: values.quiet ?? false,
  }
}

export const MAIN_HELP = `cmhash: content-hashed, immutable ConfigMaps and Secrets, with every reference rewritten

Usage:
  cmhash build [options] <path>...    hash, rename and rewrite; print the manifests
  cmhash build [options] -            the same, reading manifests from stdin
  cmhash help build                   options of build
  cmhash --version

Examples:
  cmhash build k8s/ | kubectl apply -f -
  helm template app chart/ | cmhash build - | kubectl apply -f -
`

export const BUILD_HELP = `Usage: cmhash build [options] <path>... | -

Every ConfigMap and Secret that a workload references (and nothing pins to
its name) is renamed name-<hash>, where <hash> is the suffix kubectl
kustomize would give the same content; it is marked immutable: true,
labelled cmhash.dev/managed: "true" and annotated cmhash.dev/name with its
original name, and every reference to it is rewritten. Everything else is
printed exactly as written.

<path> is a manifest file (.yaml, .yml, .json) or a directory, read
recursively (hidden paths and kustomization.yaml skipped); - reads stdin.

Options:
  -o, --output-dir DIR   write one file per input file under DIR, mirroring
                         paths, instead of printing one stream to stdout
  -n, --namespace NS     namespace of objects that set none (default
                         "default"), as with kubectl apply -n NS
      --strict           fail (exit 1) when there are warnings
  -q, --quiet            do not print warnings
  -h, --help             show this help

Annotations on a ConfigMap/Secret:
  cmhash.dev/hash: "true"    always hash it (and rewrite RBAC resourceNames too)
  cmhash.dev/hash: "false"   never hash it

Exit codes: 0 built; 1 the input is invalid, or --strict and warnings
(nothing is written); 2 usage error or unreadable input.
`
