import { useEffect, useRef, useState } from 'preact/hooks';
import { api, formatTime } from '../api.js';
import type { Overview, QueueJob } from '../types.js';
import { ConfirmButton, ErrorBox, Notice, StatusBadge, Table, useLoad } from '../ui.js';

const STATUSES = ['pending', 'running', 'failed', 'done', 'superseded', 'cancelled'];
const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

interface Progress { total: number; delivered: number; failed: number; other: number; waiting: number }

function count(jobs: QueueJob[], total: number): Progress {
  const p: Progress = { total, delivered: 0, failed: 0, other: 0, waiting: 0 };
  for (const job of jobs) {
    if (job.status === 'done') p.delivered += 1;
    else if (job.status === 'failed') p.failed += 1;
    else if (job.status === 'pending' || job.status === 'running') p.waiting += 1;
    else p.other += 1;
  }
  return p;
}

/** Follows requeued jobs until the worker has settled them all: how many delivered, how many failed again. */
function useRetryProgress(onSettled: () => void) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const timer = useRef<number | null>(null);
  useEffect(() => () => { if (timer.current !== null) clearTimeout(timer.current); }, []);
  const follow = (ids: number[]) => {
    const tracked = ids.slice(0, 500);
    const poll = async () => {
      const { jobs } = await api<{ jobs: QueueJob[] }>(`/api/v1/admin/jobs?ids=${tracked.join(',')}&limit=1000`);
      const p = count(jobs, tracked.length);
      setProgress(p);
      if (p.waiting > 0) timer.current = window.setTimeout(() => { poll().catch(() => {}); }, 400);
      else onSettled();
    };
    setProgress({ total: tracked.length, delivered: 0, failed: 0, other: 0, waiting: tracked.length });
    poll().catch(() => {});
  };
  return { progress, follow };
}

export function QueuePage() {
  const [status, setStatus] = useState('');
  const [store, setStore] = useState('');
  const [order, setOrder] = useState('');
  const [applied, setApplied] = useState({ status: '', store: '', order: '' });
  const stores = useLoad(() => api<Overview>('/api/v1/admin/overview').then((o) => o.stores), []);
  const query = new URLSearchParams({ limit: '200', ...(applied.status ? { status: applied.status } : {}), ...(applied.store ? { store: applied.store } : {}), ...(applied.order ? { order: applied.order } : {}) });
  const jobs = useLoad(() => api<{ jobs: QueueJob[] }>(`/api/v1/admin/jobs?${query.toString()}`), [query.toString()]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { progress, follow } = useRetryProgress(() => jobs.reload());
  const act = (run: () => Promise<unknown>, text: string) => run().then(() => { setMessage(text); setError(null); jobs.reload(); }, (e: unknown) => { setMessage(null); setError(e); });
  const retryAll = async () => {
    try {
      const { requeued } = await api<{ requeued: number[] }>('/api/v1/admin/jobs/retry-failed', { method: 'POST' });
      setError(null);
      setMessage(requeued.length === 0 ? 'No failed jobs to retry.' : `Retrying ${requeued.length} failed job${requeued.length === 1 ? '' : 's'}…`);
      if (requeued.length > 0) follow(requeued);
      jobs.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">Sync queue</h1>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); setApplied({ status, store, order: order.trim() }); }} aria-label="Filter jobs">
        <label for="q-status">Status</label>
        <select id="q-status" value={status} onChange={(e) => setStatus(value(e))}>
          <option value="">all</option>
          {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <label for="q-store">Store</label>
        <select id="q-store" value={store} onChange={(e) => setStore(value(e))}>
          <option value="">all</option>
          {(stores.data ?? []).map((s) => <option key={s.id_store} value={String(s.id_store)}>{s.name}</option>)}
        </select>
        <label for="q-order">Order id</label>
        <input id="q-order" inputMode="numeric" pattern="[0-9]*" size={8} value={order} onInput={(e) => setOrder(value(e))} />
        <button type="submit">Filter</button>
        <button type="button" class="primary" onClick={retryAll}>Retry all failed</button>
      </form>
      {message ? <Notice>{message}</Notice> : null}
      {progress ? (
        <div class="progress" role="status" aria-live="polite" data-testid="retry-progress">
          <progress max={progress.total} value={progress.total - progress.waiting} />
          <span>{progress.waiting > 0 ? `${progress.total - progress.waiting} of ${progress.total} settled` : 'Retry finished'}: {progress.delivered} delivered, {progress.failed} failed{progress.other > 0 ? `, ${progress.other} superseded or cancelled` : ''}{progress.waiting > 0 ? `, ${progress.waiting} waiting` : ''}.</span>
        </div>
      ) : null}
      <ErrorBox error={error ?? jobs.error} />
      {jobs.data ? (
        <Table label="Sync jobs" head={['Job', 'Order', 'Store', 'Target', 'Status', 'Attempts', 'Last error', 'Updated', '']} empty={jobs.data.jobs.length === 0 ? 'No jobs match.' : null}>
          {jobs.data.jobs.map((j) => (
            <tr key={j.id_sync_job} data-job={j.id_sync_job}>
              <td>#{j.id_sync_job}</td>
              <td><a href={`#/orders/${j.id_order}`}>{j.reference ?? j.id_order}</a></td>
              <td>{j.store_name ?? j.id_store}</td>
              <td>{j.local_state_name ?? j.id_state_local} → {j.platform_state_name ?? j.id_platform_state}</td>
              <td><StatusBadge status={j.status} />{j.in_doubt ? <span class="badge warn" title="the last write has an unknown outcome: the platform is read before writing again">in doubt</span> : null}</td>
              <td>{j.attempts} <span class="muted">({j.runs} runs)</span></td>
              <td class="wrap">{j.last_error ? `${j.last_http_status ? `HTTP ${j.last_http_status}: ` : ''}${j.last_error}` : ''}</td>
              <td>{formatTime(j.updated_at)}</td>
              <td class="actions">
                {j.status === 'failed' || j.status === 'pending' ? (
                  <>
                    <button type="button" onClick={() => act(async () => follow((await api<{ requeued: number[] }>(`/api/v1/sync/jobs/${j.id_sync_job}/retry`, { method: 'POST' })).requeued), `Job #${j.id_sync_job} queued again.`)}>Retry</button>
                    <ConfirmButton label="Cancel" confirmLabel="Confirm cancel" onConfirm={() => act(() => api(`/api/v1/admin/jobs/${j.id_sync_job}/cancel`, { method: 'POST' }), `Job #${j.id_sync_job} cancelled.`)} />
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      ) : null}
    </section>
  );
}
