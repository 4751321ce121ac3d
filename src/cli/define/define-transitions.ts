import type { Command } from 'commander';
import { commandGroup, examples, type CommandRunner } from '../run-command.js';

const TYPE_HELP = 'order_state (default) or shipping_state';

/** transitions init, list, allow, deny, check, import, export. */
export function defineTransitionCommands(program: Command, run: CommandRunner): void {
  const transitions = commandGroup(program, 'transitions', 'rules saying which local state may follow which (transitions.mode: off, warn, enforce)');
  transitions.command('init')
    .description('propose a transition graph from the local states and, once confirmed, write it (review it first: it is printed)')
    .option('--type <type>', `only this state type: ${TYPE_HELP}`)
    .option('--dry-run', 'print the proposal; write nothing')
    .option('-y, --yes', 'write without asking (scripts)')
    .option('--replace', 'replace rules already stored for the state type')
    .addHelpText('after', examples('ecom-sync transitions init --dry-run', 'ecom-sync transitions init', 'ecom-sync transitions init --type order_state --yes --replace'))
    .action(run(async () => (await import('../commands/transitions.js')).transitionsInit));
  transitions.command('list')
    .description('the allowed transitions, and the triggers towards a final platform state')
    .option('--type <type>', `only this state type: ${TYPE_HELP}`)
    .addHelpText('after', examples('ecom-sync transitions list', 'ecom-sync transitions list --type shipping_state --json'))
    .action(run(async () => (await import('../commands/transitions.js')).transitionsList));
  transitions.command('allow <from> <to>')
    .description('allow a transition; states by id or exact name')
    .option('--type <type>', TYPE_HELP)
    .option('--both-ways', 'also allow TO -> FROM')
    .addHelpText('after', examples('ecom-sync transitions allow 3 4', 'ecom-sync transitions allow "In preparazione" "Spedito"', 'ecom-sync transitions allow 2 5 --type shipping_state --both-ways'))
    .action(run(async () => (await import('../commands/transitions.js')).transitionsAllow));
  transitions.command('deny <from> <to>')
    .description('remove an allowed transition (exit 2 when it was not allowed)')
    .option('--type <type>', TYPE_HELP)
    .option('--both-ways', 'also remove TO -> FROM')
    .addHelpText('after', examples('ecom-sync transitions deny 5 1', 'ecom-sync transitions deny "Consegnato" "In attesa di pagamento"'))
    .action(run(async () => (await import('../commands/transitions.js')).transitionsDeny));
  transitions.command('check <id_order> <state>')
    .description('would changing this order to this state be allowed, and why not (changes nothing; judged even while transitions.mode is off)')
    .option('--type <type>', TYPE_HELP)
    .addHelpText('after', examples('ecom-sync transitions check 32 1', 'ecom-sync transitions check 32 "Spedito" --json'))
    .action(run(async () => (await import('../commands/transitions.js')).transitionsCheck));
  transitions.command('import <file>')
    .description('load rules from a YAML file (as written by export): each state type in the file replaces its rules; a file with any problem changes nothing')
    .option('--merge', 'add the file\'s rules to those stored instead of replacing them')
    .addHelpText('after', examples('ecom-sync transitions import transitions.yaml', 'ecom-sync transitions import transitions.yaml --merge --json'))
    .action(run(async () => (await import('../commands/transitions.js')).transitionsImport));
  transitions.command('export')
    .description('write the rules as YAML (to stdout, or to --output FILE) for review in git')
    .option('--type <type>', `only this state type: ${TYPE_HELP}`)
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .addHelpText('after', examples('ecom-sync transitions export > transitions.yaml', 'ecom-sync transitions export --output transitions.yaml'))
    .action(run(async () => (await import('../commands/transitions.js')).transitionsExport));
}
