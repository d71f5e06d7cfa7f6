import { parseArgs } from 'node:util'
import type { SelectMode } from '@cmhash/core'

/** What the command line asked for. Parsing is pure: argv in, command out. */
export type Command =
  | { readonly name: 'help'; readonly topic?: string }
  | { readonly name: 'version' }
  | { readonly name: 'config-schema' }
  | { readonly name: 'config-check'; readonly file?: string }
  | BuildCommand

export interface BuildCommand {
  readonly name: 'build'
  readonly paths: readonly string[]
  readonly outputDir?: string
  readonly namespace?: string
  readonly select?: SelectMode
  readonly config?: string
  readonly include?: readonly string[]
  readonly exclude?: readonly string[]
  readonly strict: boolean
  readonly quiet: boolean
}

const SELECT_MODES: readonly SelectMode[] = ['referenced', 'all', 'annotated']

/** A command line cmhash cannot act on; exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export function parseCommand(argv: readonly string[]): Command {
  const [sub, ...rest] = argv
  if (sub === undefined || sub === '-h' || sub === '--help') return { name: 'help' }
  if (sub === 'help') return rest[0] ? { name: 'help', topic: rest[0] } : { name: 'help' }
  if (sub === '-v' || sub === '--version' || sub === 'version') return { name: 'version' }
  if (sub === 'config') return parseConfigCommand(rest)
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
        select: { type: 'string' },
        config: { type: 'string', short: 'c' },
        include: { type: 'string', multiple: true },
        exclude: { type: 'string', multiple: true },
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
  if (values.select !== undefined && !SELECT_MODES.includes(values.select as SelectMode)) {
    throw new UsageError(`--select must be one of ${SELECT_MODES.join(', ')}`)
  }
  return {
    name: 'build',
    paths: positionals,
    ...(values['output-dir'] !== undefined ? { outputDir: values['output-dir'] } : {}),
    ...(values.namespace !== undefined ? { namespace: values.namespace } : {}),
    ...(values.select !== undefined ? { select: values.select as SelectMode } : {}),
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(values.include !== undefined ? { include: values.include } : {}),
    ...(values.exclude !== undefined ? { exclude: values.exclude } : {}),
    strict: values.strict ?? false,
    quiet: values.quiet ?? false,
  }
}

function parseConfigCommand(rest: readonly string[]): Command {
  const [what, ...more] = rest
  if (what === 'schema' && more.length === 0) return { name: 'config-schema' }
  if (what === 'check' && more.length <= 1) return more[0] ? { name: 'config-check', file: more[0] } : { name: 'config-check' }
  throw new UsageError('usage: cmhash config schema | cmhash config check [FILE]')
}

export const MAIN_HELP = `cmhash: content-hashed, immutable ConfigMaps and Secrets, with every reference rewritten

Usage:
  cmhash build [options] <path>...    hash, rename and rewrite; print the manifests
  cmhash build [options] -            the same, reading manifests from stdin
  cmhash help build                   options of build
  cmhash config schema                print the configuration file's JSON Schema
  cmhash config check [FILE]          validate a configuration file
                                      (default: cmhash.config.yaml here)
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
      --select MODE      which ConfigMaps/Secrets to hash: referenced
                         (default), all, or annotated (only those annotated
                         cmhash.dev/hash: "true")
  -c, --config FILE      configuration file (default: cmhash.config.yaml,
                         .yml or .json in the input directory)
      --include GLOB     files to read in directories (repeatable; default
                         **/*.yaml, **/*.yml, **/*.json)
      --exclude GLOB     files to skip in directories (repeatable)
      --strict           fail (exit 1) when there are warnings
  -q, --quiet            do not print warnings
  -h, --help             show this help

Annotations on a ConfigMap/Secret:
  cmhash.dev/hash: "true"    always hash it (and rewrite RBAC resourceNames too)
  cmhash.dev/hash: "false"   never hash it

Exit codes: 0 built; 1 the input is invalid, or --strict and warnings
(nothing is written); 2 usage error or unreadable input.
`
