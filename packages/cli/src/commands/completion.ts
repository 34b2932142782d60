import type { Command } from 'commander';

interface Node {
  path: string[];
  subcommands: string[];
  options: string[];
}

// Every command of the tree with its subcommands and flags: completion is generated from the
// program itself, so a new command or flag completes without touching this file.
function walk(command: Command, path: string[] = []): Node[] {
  const options = command.options.flatMap((o) => [o.short, o.long].filter((f): f is string => Boolean(f)));
  const children = command.commands.filter((c) => c.name() !== 'help');
  return [
    { path, subcommands: children.map((c) => c.name()), options: [...options, '--help'] },
    ...children.flatMap((c) => walk(c, [...path, c.name()])),
  ];
}

/** A bash completion script for the program (`source <(hpckit completion bash)`). */
export function bashCompletion(program: Command): string {
  const name = program.name();
  const globals = program.options.flatMap((o) => [o.short, o.long].filter(Boolean)).join(' ');
  const cases = walk(program)
    .map(
      (n) => `    "${n.path.join(' ')}") words="${[...n.subcommands, ...n.options].join(' ')} ${globals}" ;;`,
    )
    .join('\n');
  return `# bash completion for ${name}: source <(${name} completion bash)
_${name}_complete() {
  local cur path="" w i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    [[ "$w" == -* ]] && continue
    case "\${path:+$path }$w" in
${walk(program)
  .filter((n) => n.path.length > 0)
  .map((n) => `      "${n.path.join(' ')}") path="${n.path.join(' ')}" ;;`)
  .join('\n')}
    esac
  done
  local words
  case "$path" in
${cases}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _${name}_complete ${name}
`;
}

/** A zsh completion script (bash's, through zsh's bashcompinit). */
export function zshCompletion(program: Command): string {
  return `# zsh completion for ${program.name()}: source <(${program.name()} completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bashCompletion(program)}`;
}
