import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli/program.js';
import { runCli } from '../../helpers/run-cli.js';

function leaves(command: Command, prefix: string[] = []): string[][] {
  if (command.commands.length === 0) return [prefix];
  return command.commands.flatMap((child) => leaves(child, [...prefix, child.name()]));
}

describe('--help', () => {
  const program = buildProgram(() => async () => {});
  const commands = leaves(program).filter((path) => path.length > 0 && path[0] !== 'help');

  it('covers the commands an operator, cron and an admin need', () => {
    expect(commands.map((path) => path.join(' '))).toEqual(expect.arrayContaining(['stores add', 'stores list', 'db migrate', 'config show', 'sandbox']));
  });

  it.each(commands.map((path) => [path.join(' '), path] as const))('`ecom-sync %s --help` describes the command and shows an example', async (_name, path) => {
    const run = await runCli([...path, '--help'], { cwd: process.cwd() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: ecom-sync /);
    expect(run.stdout).toMatch(/\nExamples:\n(?: {2}\$ .*\n)*? {2}\$ (?:\S+=\S+ )*ecom-sync /);
  });

  it('rejects an unknown command with a usage error and exit 2', async () => {
    const run = await runCli(['odrers'], { cwd: process.cwd() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error\[USAGE\]: unknown command 'odrers'/);
  });
});
