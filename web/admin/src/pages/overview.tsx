import { api, formatAge, formatTime } from '../api.js';
import type { Overview, StoreOverview } from '../types.js';
import { ErrorBox, Table, useLoad } from '../ui.js';

/** The last delivery received, and what waits or failed in the store's inbox; PrestaShop sends none (the orders pull is its channel). */
function LastWebhook({ store: s }: { store: StoreOverview }) {
  if (!s.webhooks) return <td class="muted" title="PrestaShop sends no webhooks: the orders pull is its channel">no webhooks (pull)</td>;
  const inbox = [s.webhooks_pending > 0 ? `${s.webhooks_pending} waiting` : '', s.webhooks_failed > 0 ? `${s.webhooks_failed} failed` : ''].filter(Boolean).join(', ');
  return (
    <td class={s.webhooks_failed > 0 ? 'bad' : ''} data-testid={`last-webhook-${s.id_store}`}>
      {s.last_webhook_at === null ? 'none received yet' : formatTime(s.last_webhook_at)}{inbox ? ` (${inbox})` : ''}
    </td>
  );
}

const LOOP_LABELS: Record<string, string> = { states_pull: 'States pull', orders_pull: 'Orders pull', sync_worker: 'Sync worker' };

export function OverviewPage() {
  const { data, error, reload } = useLoad(() => api<Overview>('/api/v1/admin/overview'), []);
  return (
    <section aria-labelledby="overview-title">
      <div class="title-row"><h1 id="overview-title">Overview</h1><button type="button" onClick={reload}>Refresh</button></div>
      <ErrorBox error={error} />
      {data ? (
        <>
          <div class="cards">
            <a class="card" href="#/queue" data-testid="queue-pending"><span class="n">{data.queue.pending}</span> pending</a>
            <a class="card" href="#/queue"><span class="n">{data.queue.running}</span> running</a>
            <a class={`card ${data.queue.failed > 0 ? 'bad' : ''}`} href="#/queue" data-testid="queue-failed"><span class="n">{data.queue.failed}</span> failed</a>
            <div class="card"><span class="n">{formatAge(data.queue.oldest_pending_age_s)}</span> oldest pending</div>
            <a class={`card ${data.drift > 0 ? 'warn' : ''}`} href="#/drift" data-testid="drift-count"><span class="n">{data.drift}</span> orders in drift</a>
          </div>
          <h2>Stores</h2>
          <Table label="Stores" head={['Store', 'Platform', 'Active', 'Credentials', 'States pulled', 'Orders pulled', 'Last webhook']} empty={data.stores.length === 0 ? 'No stores: add one with `ecom-sync stores add`.' : null}>
            {data.stores.map((s) => (
              <tr key={s.id_store}>
                <td>{s.name} <span class="muted">#{s.id_store}</span></td>
                <td>{s.platform}</td>
                <td>{s.is_active ? 'yes' : 'no'}</td>
                <td class={s.credentials === 'configured' ? '' : 'bad'} title={s.credentials_error ?? ''}>
                  {s.credentials === 'failing' ? `refused ${formatTime(s.credentials_failed_at)}: ${s.credentials_error ?? ''}` : s.credentials}
                </td>
                <td>{formatTime(s.states_pulled_at)}</td>
                <td>{formatTime(s.orders_pulled_at)}</td>
                <LastWebhook store={s} />
              </tr>
            ))}
          </Table>
          <h2>Loops</h2>
          <p class="muted">Daemon started {formatTime(data.started_at)}; {data.leader ? 'this daemon leads the pulls' : 'another daemon (or none yet) leads the pulls'}.</p>
          <Table label="Loops" head={['Loop', 'State', 'Runs', 'Failures', 'Last finished', 'Next run', 'Last error']} empty={Object.keys(data.loops).length === 0 ? 'No loop has run yet.' : null}>
            {Object.entries(data.loops).map(([name, loop]) => (
              <tr key={name}>
                <td>{LOOP_LABELS[name] ?? name}</td>
                <td class={loop.last_error ? 'bad' : ''}>{!loop.active ? 'standby' : loop.running ? 'running' : loop.last_error ? 'failing' : 'ok'}</td>
                <td>{loop.runs}</td>
                <td>{loop.failures}</td>
                <td>{formatTime(loop.last_finished_at)}</td>
                <td>{formatTime(loop.next_run_at)}</td>
                <td class="wrap">{loop.last_error ?? ''}</td>
              </tr>
            ))}
          </Table>
        </>
      ) : null}
    </section>
  );
}
