// The help texts of every command and subcommand, written for `cmhash`;
// helpText() names the program as it was called (`kubectl cmhash`).
import type { Topic } from './command-table.js'

/** The help on `topic` (the overview when none), naming the program `program`. */
export function helpText(topic: Topic | undefined, program: string): string {
  return named(topic === undefined ? MAIN_HELP : HELP[topic], program)
}

/** `cmhash` in a command line of a help text or message, as `program` (`kubectl cmhash`). */
export function named(text: string, program: string): string {
  return program === 'cmhash' ? text : text.replace(/(?<![\w./@-])cmhash(?= (?:[a-z-]|\[|<))/g, program)
}

/** Where the configuration comes from: one rule for every input form. */
const CONFIG_RULE = `The configuration file is the nearest cmhash.config.yaml (or .yml, .json)
above the inputs (in an input directory, the directory of an input file, or
a directory above, up to the top of the git repository), else the nearest
above the current directory, else none; inputs that find different files
are an error. --config FILE overrides.`

const MAIN_HELP = `cmhash: content-hashed, immutable ConfigMaps and Secrets, with every reference rewritten

Usage:
  cmhash build [options] <path>...    hash, rename and rewrite; print the manifests
  cmhash build [options] -            the same, reading manifests from stdin
  cmhash diff BASE HEAD               what changes between two inputs, and what rolls
  cmhash diff --git REF <path>...     the same, from <path> at git revision REF to the
                                      work tree (a pull request: --git origin/main k8s/)
  cmhash prune --kubectl <path>...    list old versions that nothing in the cluster uses
  cmhash prune --live FILE <path>...  the same, from an export of the live state
  cmhash config check [FILE]          validate a configuration file (default: the
                                      one a build here uses)
  cmhash config schema                print the configuration file's JSON Schema
  cmhash completion bash|zsh|fish     print a shell completion script
  cmhash help COMMAND                 options of a command (or cmhash COMMAND --help)
  cmhash --version

Examples:
  cmhash build k8s/ | kubectl apply -f -
  helm template app chart/ | cmhash build - | kubectl apply -f -
  cmhash diff --git origin/main k8s/ --format markdown >> "$GITHUB_STEP_SUMMARY"
`

const PRUNE_HELP = `Usage: cmhash prune --kubectl [--context C] [-n NS | -A] [options] <path>... | -
       cmhash prune --live FILE|DIR|- --live-kinds KINDS [options] <path>... | -
       cmhash prune --print-kinds [<path>...]

Lists the hashed ConfigMaps and Secrets (label cmhash.dev/managed: "true")
that can be deleted: those not in the desired manifests (<path>..., hashed
as build would), not referenced by any live object, and older than the
newest --keep versions of their name. It only prints; it deletes nothing:

  cmhash prune --kubectl k8s/ | kubectl delete -f -

--kubectl: cmhash runs kubectl api-resources -o wide, then one
kubectl get <kind> -A -o json for every kind prune needs that the cluster
serves (with -n NS, -n NS for kinds that cannot reference another
namespace), with your kubeconfig. If any call fails (RBAC, an unreachable
or partly unavailable API) it decides nothing (exit 2).

--live: an export you made. Name in --live-kinds the kinds it holds every
object of (as kubectl get takes them); whatever a kind it does not name
could reference is kept. --print-kinds <path>... lists the kinds prune
needs for those manifests: the built-in ones, the presets' and
configuration's, and every custom resource in them in which build rewrites
a reference (a pod spec or volume list found by shape).

Options:
      --kubectl          list the live state with kubectl
      --context C        the kubeconfig context kubectl uses
  -l, --live PATH        the live state: kubectl get ... -o json|yaml output, a
                         directory of such files, or - for stdin
      --live-kinds KINDS the kinds the export holds in full, comma-separated
      --print-kinds      print the kinds prune needs for <path>...,
                         comma-separated
      --keep N           keep the N newest versions of each name (default 3)
  -n, --namespace NS     the namespace of manifests that set none; with
                         --kubectl, list only this namespace
  -A, --all-namespaces   also consider namespaces the desired input does not touch
      --output FORMAT    list (default): a v1 List for kubectl delete -f -;
                         names: kind/name -n namespace lines
      --max-input SIZE   refuse desired inputs larger than SIZE in all, and
                         a --live state larger than SIZE, each on its own
                         (default 256M; K, M and G work)
      --warning CODE=LEVEL
                         what a warning code does: error (fail), warn, or
                         ignore (repeatable; e.g. INCOMPLETE_LIVE_STATE=error)
  -q, --quiet            do not print the table of candidates on stderr
  -h, --help             show this help
  and build's --select, --config, --include, --exclude, --disable-preset,
  --strict

Exit codes: 0 decided; 1 the live state is empty, cut short, has an object
twice or without a valid creationTimestamp, the desired input is invalid,
or --strict and warnings (nothing is printed); 2 usage error, unreadable
input, or a kubectl call failed.
`

const BUILD_HELP = `Usage: cmhash build [options] <path>... | -

Every ConfigMap and Secret that a workload references (and nothing pins to
its name) is renamed name-<hash>, where <hash> is the suffix kubectl
kustomize would give the same content; it is marked immutable: true,
labelled cmhash.dev/managed: "true" and annotated cmhash.dev/name with its
original name, and every reference to it is rewritten. Everything else is
printed exactly as written.

<path> is a manifest file (.yaml, .yml, .json) or a directory, read
recursively (hidden paths skipped; a kustomization that does more than
list its files, or a Helm chart, is refused with the command that works);
- reads stdin. Every output is written or none is.
The configuration's configMapGenerator and secretGenerator make ConfigMaps
and Secrets from files beside it, as kustomize does; they come first.

Options:
  -o, --output-dir DIR   write one file per input file under DIR, mirroring
                         paths, instead of printing one stream to stdout
  -n, --namespace NS     namespace of objects that set none (default
                         "default"), as with kubectl apply -n NS
      --select MODE      which ConfigMaps/Secrets to hash: referenced
                         (default), all, or annotated (only those annotated
                         cmhash.dev/hash: "true")
  -c, --config FILE      configuration file (default: see below)
      --include GLOB     files to read in directories, relative to each
                         (repeatable; no .. or absolute path; default
                         **/*.yaml, **/*.yml, **/*.json)
      --exclude GLOB     files to skip in directories (repeatable)
      --disable-preset NAME
                         turn a preset off (repeatable), as presets: {NAME:
                         false} in the configuration
      --gitops TOOL      annotate hashed objects so that argocd, flux or
                         helm does not delete old versions before a rollout
                         finishes (cmhash prune removes them later)
      --report FILE      write a JSON report: every hashed ConfigMap/Secret,
                         old and new name, and what rolls because of it
                         (--report - prints it on stdout, with --output-dir)
      --summary          print that report as a table on stderr
      --format FORMAT    yaml (default), or json: one v1 List
      --max-input SIZE   refuse inputs larger than SIZE in all (default
                         256M; K, M and G work)
      --strict           fail (exit 1) when there are warnings, of any
                         code (PINNED too; accept one with --warning)
      --warning CODE=LEVEL
                         what a warning code does: error (fail), warn, or
                         ignore (repeatable; e.g. POSSIBLE_REFERENCE=error)
  -q, --quiet            do not print warnings
  -h, --help             show this help

${CONFIG_RULE}

A config.kubernetes.io/v1 ResourceList on stdin (a KRM function's input,
as kpt and kustomize send it) is transformed and written back as a
ResourceList; its functionConfig (a ConfigMap, or kind CmhashConfig) is
read as configuration.

Annotations on a ConfigMap/Secret:
  cmhash.dev/hash: "true"    always hash it (and rewrite RBAC resourceNames too)
  cmhash.dev/hash: "false"   never hash it

Exit codes: 0 built; 1 the input is invalid, or --strict and warnings
(nothing is written); 2 usage error, unreadable input, or output that
could not be written (a full disk, a closed pipe).
`

const DIFF_HELP = `Usage: cmhash diff [options] BASE HEAD
       cmhash diff [options] --git REF <path>...

Builds BASE and HEAD as cmhash build would, with the same options, and says
what changes: the ConfigMaps and Secrets whose data or name changes (old
name -> new name, and the names of the keys added, removed and changed;
never a value), the objects that roll because of it (bare Pods: recreate;
other objects that name it: updates), and the objects added, removed or
changed. Objects are matched by kind, namespace and original name, so moving
them between files, reordering keys or editing comments changes nothing.

BASE and HEAD are each a directory, a file, or - for stdin (one of them).
With --git REF, BASE is <path>... as it is at git revision REF, read with git
(no checkout is touched), and HEAD is <path>... in the work tree. A path
missing on one side counts as empty there (everything added, or removed).
Each side finds its own cmhash.config.yaml, as build does (BASE the one
that applies at REF, up to the top of the repository), and builds with the
objects of its generators, from its own files (BASE's at REF); --config
FILE applies to both.

Options:
      --git REF          compare <path>... at revision REF with the work tree
      --format FORMAT    table (default), json (schema:
                         @cmhash/core/schema/cmhash.diff.schema.json), or
                         markdown (a pull-request comment or job summary,
                         with a Mermaid graph)
      --exit-code        exit 1 when a workload rolls or a Pod must be
                         recreated, 0 when not (like git diff --exit-code)
  -n, --namespace NS     namespace of objects that set none (default "default")
      --select MODE      referenced (default), all, or annotated
  -c, --config FILE      configuration file for both sides
      --include GLOB     files to read in directories (repeatable)
      --exclude GLOB     files to skip in directories (repeatable)
      --disable-preset NAME
                         turn a preset off (repeatable)
      --max-input SIZE   refuse inputs larger than SIZE (default 256M)
      --strict           fail (exit 3) when HEAD's build has warnings, of
                         any code (accept one with --warning CODE=ignore)
      --warning CODE=LEVEL
                         what a warning code does, on both sides: error
                         (exit 3), warn, or ignore (repeatable)
  -q, --quiet            do not print HEAD's warnings
  -h, --help             show this help

Exit codes: 0 compared (with --exit-code: no ConfigMap or Secret change
rolls anything); 1 with --exit-code: a ConfigMap or Secret change makes
something roll or need recreating (other changes to a pod template, such as
a new image, are listed as CHANGED and do not count); 2 usage error, unreadable
input, or git cannot read REF; 3 BASE or HEAD is invalid (its errors are
labelled BASE or HEAD), or --strict and HEAD has warnings.
`

const CONFIG_HELP = `Usage: cmhash config check [FILE]
       cmhash config schema

  check [FILE]   validate a configuration file, and the files its generators
                 name; without FILE, the one a build in this directory uses
                 (and say which)
  schema         print the configuration file's JSON Schema

${CONFIG_RULE}
`

const CONFIG_CHECK_HELP = `Usage: cmhash config check [FILE]

Validates a configuration file against its schema (errors name the line,
column and field) and reads the files its generators name. Without FILE it
checks the file a build of inputs in this directory (or cmhash build -)
would use, and names it: the nearest cmhash.config.yaml (or .yml, .json)
here or in a directory above, up to the top of the git repository.

Exit codes: 0 valid; 1 invalid; 2 no such file, or none found.
`

const CONFIG_SCHEMA_HELP = `Usage: cmhash config schema

Prints the configuration file's JSON Schema (also shipped as
@cmhash/core/schema/cmhash.config.schema.json), for editors and validators:

  # yaml-language-server: $schema=./node_modules/@cmhash/core/schema/cmhash.config.schema.json
`

const COMPLETION_HELP = `Usage: cmhash completion bash|zsh|fish

Prints a script that completes cmhash's commands, options, and the values
of --select, --gitops, --format, --output and --disable-preset. Load it:

  bash   source <(cmhash completion bash)       (in ~/.bashrc)
  zsh    source <(cmhash completion zsh)        (in ~/.zshrc, after compinit)
  fish   cmhash completion fish > ~/.config/fish/completions/cmhash.fish
`

const HELP: Readonly<Record<Topic, string>> = {
  build: BUILD_HELP,
  diff: DIFF_HELP,
  prune: PRUNE_HELP,
  config: CONFIG_HELP,
  'config check': CONFIG_CHECK_HELP,
  'config schema': CONFIG_SCHEMA_HELP,
  completion: COMPLETION_HELP,
}
