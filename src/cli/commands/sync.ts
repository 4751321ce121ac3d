import { ExitCode, UsageError } from '../../errors.js';
import type { SyncJobStatus } from '../../db/database-types.js';
import type { DeliverSummary, SyncJobRow } from '../../sync/index.js';
import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { parseChoice, parseId, parseNonNegativeInt, parseOptionalId } from '../parse-args.js';
import { renderTable } from '../table.js';
import { isoFromEpochMs } from '../../dates/iso-date.js';

const STATUSES = ['pending', 'running', 'failed', 'done', 'superseded', 'cancelled'] as const satisfies readonly SyncJobStatus[];

function when(ms: number | null): string {
  return ms === null ? '-' : isoFromEpochMs(ms).slice(0, 19).replace('T', ' ');
}

/** A pending job the shop asked to wait (Retry-After, throttled) says so: it is waiting, not failing. */
function nextAttempt(job: SyncJobRow): string {
  if (job.status !== 'pending') return '-';
  return job.not_before === null ? when(job.next_attempt_at) : `${when(job.next_attempt_at)} (waits for the shop)`;
}

function publicJob(job: SyncJobRow) {
  return {
    id_sync_job: job.id_sync_job, id_order: job.id_order, id_store: job.id_store, status: job.status, event_type: job.event_type,
    id_state_local: job.id_state_local, id_ecommerce_order_state: job.id_ecommerce_order_state, id_platform_state: job.id_platform_state,
    id_origin: job.id_origin, send_email: job.send_email === 1, attempts: job.attempts, runs: job.runs, in_doubt: job.in_doubt === 1,
    next_attempt_at: isoFromEpochMs(job.next_attempt_at), last_error: job.last_error, last_http_status: job.last_http_status,
    created_at: isoFromEpochMs(job.created_at), done_at: job.done_at === null ? null : isoFromEpochMs(job.done_at),
    lease_owner: job.lease_owner, lease_until: job.lease_until === null ? null : isoFromEpochMs(job.lease_until),
    not_before: job.not_before === null ? null : isoFromEpochMs(job.not_before),
  };
}

export async function syncList(ctx: CommandContext, _args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const status = options.status === undefined ? undefined : parseChoice(options.status, STATUSES, '--status');
  const orderId = parseOptionalId(options.order, '--order');
  const limit = parseNonNegativeInt(options.limit ?? 50, '--limit');
  const app = await ctx.openApp();
  const { listJobs } = await import('../../sync/index.js');
  const jobs = await listJobs(app, { ...(status ? { status } : {}), ...(orderId === undefined ? {} : { orderId }), limit });
  const text = jobs.length === 0
    ? 'No sync jobs match.'
    : renderTable(['job', 'order', 'store', 'status', 'local → platform', 'attempts', 'next attempt', 'lease owner', 'lease until', 'error'], jobs.map((j) => [
        j.id_sync_job, j.id_order, j.id_store, j.status, `${j.id_state_local} → ${j.id_platform_state}`, j.attempts,
        nextAttempt(j),
        j.status === 'running' ? (j.lease_owner ?? '-') : '-', j.status === 'running' ? when(j.lease_until) : '-', j.last_error,
      ]), { color: ctx.color });
  return { json: { jobs: jobs.map(publicJob) }, text };
}

function deliveryResult(ctx: CommandContext, summary: Omit<DeliverSummary, 'outcomes'>, extra: Record<string, unknown>, intro: string): CommandResult {
  const held = summary.held_elsewhere;
  const attempted = summary.delivered + summary.failed + summary.pending + summary.cancelled;
  // Jobs another worker holds are not delivered by this run: not a success while any remain.
  const unsuccessful = summary.failed + summary.pending + held.length;
  const exitCode = unsuccessful === 0 ? ExitCode.ok : summary.delivered === 0 ? ExitCode.platform : ExitCode.partial;
  const lines = [intro];
  if (attempted === 0 && held.length === 0) lines.push('Nothing to deliver.');
  else lines.push(`Delivered ${summary.delivered}${summary.already_on_platform > 0 ? ` (${summary.already_on_platform} were already in that state on the platform)` : ''}, failed ${summary.failed}, still pending ${summary.pending}${summary.cancelled > 0 ? `, cancelled ${summary.cancelled} (their trigger is disabled or gone)` : ''}.`);
  if (held.length > 0) {
    lines.push(ctx.style.yellow(`${held.length} job(s) could not be taken: another worker holds them.`));
    for (const job of held.slice(0, 20)) lines.push(`  job ${job.id_sync_job} (order ${job.id_order}): lease owner ${job.lease_owner ?? '?'}, lease until ${when(job.lease_until)}`);
    lines.push('A live worker delivers them; a dead one\'s jobs are taken by the next `ecom-sync sync run` once its lease lapses (sync.lease_ms).');
  }
  if (summary.failed > 0) lines.push(ctx.style.red('See `ecom-sync sync list --status failed`; fix the cause, then `ecom-sync sync retry --failed`.'));
  if (summary.pending > 0) lines.push(ctx.style.yellow('Pending jobs are retried by the daemon or the next `ecom-sync sync run`.'));
  const heldJson = held.map((j) => ({ id_sync_job: j.id_sync_job, id_order: j.id_order, lease_owner: j.lease_owner, lease_until: j.lease_until === null ? null : isoFromEpochMs(j.lease_until) }));
  return {
    json: { ...extra, delivered: summary.delivered, already_on_platform: summary.already_on_platform, failed: summary.failed, pending: summary.pending, cancelled: summary.cancelled, held_elsewhere: heldJson },
    text: lines.join('\n'), exitCode,
  };
}

export async function syncRetry(ctx: CommandContext, args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const ids = args.map((a) => parseId(a, 'job id'));
  if (ids.length === 0 && options.failed !== true) {
    throw new UsageError('MISSING_ARGUMENT', 'name the jobs to retry or give --failed', { hint: 'ecom-sync sync retry --failed   or   ecom-sync sync retry 17' });
  }
  const app = await ctx.openApp();
  const { deliverDueJobs, retryJobs } = await import('../../sync/index.js');
  const retried = await retryJobs(app, { ids, failed: options.failed === true });
  const signal = ctx.shutdownSignal();
  const { outcomes: _o, ...summary } = await deliverDueJobs(app, options.failed === true ? { signal } : { signal, jobIds: retried.requeued });
  const skipped = retried.skipped.map((s) => `job ${s.id_sync_job} is ${s.status}`).join(', ');
  return deliveryResult(ctx, summary, { requeued: retried.requeued, skipped: retried.skipped }, `Requeued ${retried.requeued.length} job(s)${skipped ? `; not retried: ${skipped}` : ''}.`);
}

export async function syncRun(ctx: CommandContext): Promise<CommandResult> {
  const app = await ctx.openApp();
  const { deliverDueJobs, countJobsByStatus } = await import('../../sync/index.js');
  const { outcomes: _o, ...summary } = await deliverDueJobs(app, { signal: ctx.shutdownSignal(), ignoreBackoff: true });
  const counts = await countJobsByStatus(app.db);
  const failedTotal = counts.failed ?? 0;
  const result = deliveryResult(ctx, summary, { jobs_by_status: counts }, 'Sync run:');
  if (failedTotal > 0 && summary.failed === 0) {
    result.text = `${result.text}\n${failedTotal} job(s) failed earlier and wait for \`ecom-sync sync retry --failed\`.`;
  }
  return result;
}
