// `cmhash completion bash|zsh|fish`: shell scripts written from the table
// args.ts parses with (COMMANDS), so a new option or value is completed as
// soon as it is parsed. Each script completes for `cmhash` and for
// `kubectl-cmhash`.
import { COMMANDS } from './args.js'
import { COMMAND_NAMES, CONFIG_COMMANDS, type OptionSpec, type SHELLS, type Topic } from './command-table.js'

/** The completion script for `shell`. */
export function completionScript(shell: (typeof SHELLS)[number]): string {
  switch (shell) {
    case 'bash': return bash()
    case 'zsh': return zsh()
    case 'fish': return fish()
  }
}

// --- internal ---

/** The commands whose options are completed, and the `help` topics. */
const TOPICS = Object.keys(COMMANDS) as Topic[]

function optionsOf(topic: Topic): Array<[string, OptionSpec]> {
  return Object.entries(COMMANDS[topic] as Record<string, OptionSpec>)
}

/** `--name` and `-s` of an option. */
function flags(name: string, o: OptionSpec): string[] {
  return [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]
}

/** Shell words are safe as they are: option names and values are [a-z0-9-]. */
function words(list: readonly string[]): string {
  return list.join(' ')
}

function bash(): string {
  const cases = TOPICS.map(topic => {
    const opts = optionsOf(topic)
    const values = opts.filter(([, o]) => o.type === 'string').map(([name, o]) => {
      const patterns = flags(name, o).join('|')
      if (o.values) return `        ${patterns}) COMPREPLY=($(compgen -W "${words(o.values)}" -- "$cur")); return ;;`
      if (o.complete === 'dir') return `        ${patterns}) COMPREPLY=($(compgen -d -- "$cur")); return ;;`
      // A file, or a value of the user's own (a namespace, a glob): the shell's default.
      return `        ${patterns}) return ;;`
    })
    const positional = topic === 'completion' ? `COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur"))` : ':'
    return [
      `    '${topic}')`,
      ...(values.length > 0 ? ['      case "$prev" in', ...values, '      esac'] : []),
      `      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "${words(opts.flatMap(([name]) => `--${name}`))}" -- "$cur")); else ${positional}; fi`,
      '      ;;',
    ].join('\n')
  })
  return `# cmhash completion for bash. Load it with: source <(cmhash completion bash)
_cmhash() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" topic="" i w
  (( COMP_CWORD > 0 )) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  # --option=value arrives as three words: --option, =, value.
  if [[ $prev == = ]] && (( COMP_CWORD > 1 )); then prev="\${COMP_WORDS[COMP_CWORD-2]}"; fi
  if [[ $cur == = ]]; then prev="\${COMP_WORDS[COMP_CWORD-1]}"; cur=""; fi
  # The command (and config's subcommand) come first.
  for (( i = 1; i < COMP_CWORD; i++ )); do
    w="\${COMP_WORDS[i]}"
    [[ $w == -* ]] && break
    if [[ -z $topic ]]; then topic="$w"
    elif [[ $topic == config || $topic == help ]]; then topic="$topic $w"; break
    else break; fi
  done
  COMPREPLY=()
  case "$topic" in
    '') COMPREPLY=($(compgen -W "${words(COMMAND_NAMES)} --help --version" -- "$cur")) ;;
    help) COMPREPLY=($(compgen -W "${words(TOPICS.filter(t => !t.includes(' ')))}" -- "$cur")) ;;
    'help config'|config) COMPREPLY=($(compgen -W "${words(CONFIG_COMMANDS)}" -- "$cur")) ;;
${cases.join('\n')}
  esac
}
complete -o bashdefault -o default -F _cmhash cmhash kubectl-cmhash
`
}

function zsh(): string {
  // _arguments specs: '(-n --namespace)--namespace=:namespace:ACTION' and '(-n --namespace)-n+:namespace:ACTION'.
  const specs = (name: string, o: OptionSpec): string[] => {
    const exclusive = o.multiple ? '*' : o.short ? `(-${o.short} --${name})` : ''
    const action = o.values ? `(${words(o.values)})` : o.complete === 'dir' ? '_files -/' : o.complete === 'file' ? '_files' : ' '
    const arg = o.type === 'string' ? `:${name}:${action}` : ''
    return [
      `'${exclusive}--${name}${o.type === 'string' ? '=' : ''}${arg}'`,
      ...(o.short ? [`'${exclusive}-${o.short}${o.type === 'string' ? '+' : ''}${arg}'`] : []),
    ]
  }
  const cases = TOPICS.map(topic => {
    const args = optionsOf(topic).flatMap(([name, o]) => specs(name, o))
    const positional = topic === 'completion' ? `':shell:(bash zsh fish)'` : topic === 'config check' ? `':file:_files'` : topic === 'config' || topic === 'config schema' ? '' : `'*:path:_files'`
    // _arguments reads words[1] as the command: drop `cmhash` (and `config`).
    const n = topic.split(' ').length
    return `    '${topic}') shift ${n} words; (( CURRENT -= ${n} )); _arguments -s ${[...args, positional].filter(Boolean).join(' ')} ;;`
  })
  return `#compdef cmhash kubectl-cmhash
# cmhash completion for zsh. Load it with: source <(cmhash completion zsh)
# (after compinit), or save it as _cmhash in a directory of your $fpath.
_cmhash() {
  local topic=\${words[2]}
  if (( CURRENT == 2 )); then
    compadd -- ${words(COMMAND_NAMES)} --help --version
    return
  fi
  if [[ $topic == config || $topic == help ]] && (( CURRENT == 3 )); then
    if [[ $topic == config ]]; then compadd -- ${words(CONFIG_COMMANDS)}; else compadd -- ${words(TOPICS.filter(t => !t.includes(' ')))}; fi
    return
  fi
  [[ $topic == config ]] && topic="config \${words[3]}"
  case $topic in
${cases.join('\n')}
  esac
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _cmhash "$@"; else compdef _cmhash cmhash kubectl-cmhash; fi
`
}

function fish(): string {
  const lines: string[] = []
  for (const program of ['cmhash', 'kubectl-cmhash']) {
    const c = `complete -c ${program}`
    lines.push(`${c} -f -n __fish_use_subcommand -a '${words(COMMAND_NAMES)}'`)
    lines.push(`${c} -f -n '__fish_seen_subcommand_from config; and not __fish_seen_subcommand_from ${words(CONFIG_COMMANDS)}' -a '${words(CONFIG_COMMANDS)}'`)
    lines.push(`${c} -f -n '__fish_seen_subcommand_from help' -a '${words(TOPICS.filter(t => !t.includes(' ')))}'`)
    lines.push(`${c} -f -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'`)
    for (const topic of TOPICS.filter(t => !t.startsWith('config') && t !== 'completion')) {
      for (const [name, o] of optionsOf(topic)) {
        const short = o.short ? ` -s ${o.short}` : ''
        const value = o.type === 'boolean' ? '' : o.values ? ` -x -a '${words(o.values)}'` : o.complete === 'dir' ? ` -x -a '(__fish_complete_directories (commandline -ct))'` : ' -r'
        lines.push(`${c} -n '__fish_seen_subcommand_from ${topic}' -l ${name}${short}${value}`)
      }
    }
  }
  return `# cmhash completion for fish. Load it with:
#   cmhash completion fish > ~/.config/fish/completions/cmhash.fish
${lines.join('\n')}
`
}
