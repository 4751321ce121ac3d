import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ExitCode, UsageError } from '../../errors.js';
import type { BulkRow, BulkStatusResponse } from '../../orders/bulk-order-status.js';
import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { parseChoice } from '../parse-args.js';
import { renderTable } from '../table.js';

type Format = 'json' | 'csv';

/** Peeks at the first non-blank character to tell JSON from CSV, then replays the stream whole. */
async function sniff(input: AsyncIterable<string | Buffer>): Promise<{ format: Format; chunks: AsyncIterable<string | Buffer> }> {
  const iterator = input[Symbol.asyncIterator]();
  const seen: Array<string | Buffer> = [];
  let format: Format = 'csv';
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) break;
    seen.push(next.value);
    const text = String(next.value).replace(/^\uFEFF/, '').trimStart();
    if (text !== '') {
      format = text.startsWith('{') || text.startsWith('[') ? 'json' : 'csv';
      break;
    }
  }
  async function* replay(): AsyncGenerator<string | Buffer> {
    yield* seen;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      yield next.value;
    }
  }
  return { format, chunks: replay() };
}

async function openInput(ctx: CommandContext, file: string | undefined): Promise<{ stream: AsyncIterable<string | Buffer>; name: string; extension: Format | null }> {
  if (file === undefined || file === '-') {
    if (file === undefined && ctx.streams.stdin.isTTY === true) {
      throw new UsageError('MISSING_ARGUMENT', 'give a file (or - to read the changes from stdin)', { hint: 'ecom-sync orders bulk changes.csv' });
    }
    return { stream: ctx.streams.stdin as AsyncIterable<string | Buffer>, name: 'stdin', extension: null };
  }
  const full = path.resolve(ctx.cwd, file);
  try {
    const info = await stat(full);
    if (!info.isFile()) throw new Error('not a file');
  } catch {
    throw new UsageError('FILE_NOT_FOUND', `cannot read ${file}`, { hint: 'Check the path; use - to read from stdin.' });
  }
  const ext = path.extname(full).toLowerCase();
  return { stream: createReadStream(full), name: file, extension: ext === '.csv' ? 'csv' : ext === '.json' ? 'json' : null };
}

export async function ordersBulk(ctx: CommandContext, args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const explicit = options.format === undefined ? null : parseChoice(String(options.format).toLowerCase(), ['json', 'csv'] as const, '--format');
  const input = await openInput(ctx, args[0]);
  const app = await ctx.openApp();
  const { bulkSetOrderStatus } = await import('../../orders/bulk-order-status.js');
  let format = explicit ?? input.extension;
  let chunks = input.stream;
  if (format === null) ({ format, chunks } = await sniff(input.stream));
  const rows: AsyncIterable<BulkRow> = format === 'json'
    ? (await import('../../orders/bulk-input-json.js')).parseBulkJson(chunks)
    : (await import('../../orders/bulk-input-csv.js')).parseBulkCsv(chunks);

  const applying = ctx.progress('Applying', 0);
  let syncing: ReturnType<CommandContext['progress']> | null = null;
  let lastApplied = 0;
  const response = await bulkSetOrderStatus(app, rows, {
    sync: options.sync !== false,
    ...(options.force === true ? { force: true } : {}), ...(typeof options.reason === 'string' ? { reason: options.reason } : {}),
    signal: ctx.shutdownSignal(),
    onProgress: (done, total, phase) => {
      if (phase === 'sync') {
        if (syncing === null) { applying.done(); syncing = ctx.progress('Syncing', total ?? 0); }
        syncing.tick();
        return;
      }
      applying.tick(done - lastApplied);
      lastApplied = done;
    },
  });
  if (syncing === null) applying.done();
  else (syncing as ReturnType<CommandContext['progress']>).done();

  const exitCode = response.summary.failed_count > 0
    ? ExitCode.partial
    : response.sync !== null && response.sync.failed + response.sync.pending > 0 ? ExitCode.platform : ExitCode.ok;
  return { json: response, text: describeBulk(ctx, response, input.name), exitCode };
}

function describeBulk(ctx: CommandContext, response: BulkStatusResponse, name: string): string {
  const { summary, sync } = response;
  const lines = [renderTable(['input', 'rows', 'applied', 'failed', 'pushed', 'push failed', 'push pending'], [[
    name, summary.total, summary.successful_count, summary.failed_count,
    sync?.delivered ?? '-', sync?.failed ?? '-', sync?.pending ?? '-',
  ]], { color: ctx.color })];
  if (response.failed.length > 0) {
    const shown = response.failed.slice(0, 50);
    lines.push(renderTable(['line', 'id_order', 'error', 'message'], shown.map((f) => [f.line ?? '-', String(f.id_order ?? ''), f.error, f.message]), { color: ctx.color }));
    if (response.failed.length > shown.length) lines.push(`… and ${response.failed.length - shown.length} more failed rows (use --json for all of them).`);
  }
  if (response.warnings !== undefined) {
    lines.push(ctx.style.yellow(`${response.warnings.length} row(s) applied although a transition rule was broken:`));
    for (const w of response.warnings.slice(0, 20)) lines.push(ctx.style.yellow(`  warning: ${w.message}`));
    if (response.warnings.length > 20) lines.push(`  … and ${response.warnings.length - 20} more (use --json for all of them).`);
  }
  if (sync !== null && sync.failed + sync.pending > 0) lines.push('Some pushes did not go through; see `ecom-sync sync list --status failed` and `ecom-sync sync run`.');
  if (sync === null) lines.push('Not pushed to the platforms (--no-sync or plugin platform_state_sync disabled).');
  return lines.join('\n');
}
