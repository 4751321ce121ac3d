import { useState } from 'preact/hooks';
import { api } from '../api.js';
import type { DriftRow } from '../types.js';
import { ErrorBox, Notice, Table, useLoad } from '../ui.js';

export function DriftPage() {
  const drift = useLoad(() => api<{ orders: DriftRow[] }>('/api/v1/admin/drift'), []);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const act = (run: () => Promise<unknown>, text: string) => run().then(() => { setMessage(text); setError(null); drift.reload(); }, (e: unknown) => { setMessage(null); setError(e); });
  return (
    <section aria-labelledby="drift-title">
      <div class="title-row"><h1 id="drift-title">Drift</h1><button type="button" onClick={drift.reload}>Refresh</button></div>
      <p class="muted">Orders whose platform state is not the one their local state maps to (no push on its way).</p>
      {message ? <Notice>{message}</Notice> : null}
      <ErrorBox error={error ?? drift.error} />
      {drift.data ? (
        <Table label="Orders in drift" head={['Order', 'Store', 'Local state', 'Platform shows', 'Local maps to', '']} empty={drift.data.orders.length === 0 ? 'No order in drift.' : null}>
          {drift.data.orders.map((o) => (
            <tr key={o.id_order}>
              <td><a href={`#/orders/${o.id_order}`}>{o.reference ?? `#${o.id_order}`}</a></td>
              <td>{o.store_name}</td>
              <td>{o.order_state ?? o.id_order_state}</td>
              <td class="bad">{o.platform_state.name} ({o.platform_state.id_platform_state})</td>
              <td>{o.expected_state.name} ({o.expected_state.id_platform_state})</td>
              <td class="actions">
                <button type="button" onClick={() => act(() => api(`/api/v1/admin/drift/${o.id_order}/push-local`, { method: 'POST' }), `Order ${o.reference ?? o.id_order}: "${o.expected_state.name}" queued for the platform.`)}>Push local</button>
                <button type="button" disabled={!o.accept_state} title={o.accept_state ? `Local state becomes ${o.accept_state.name ?? o.accept_state.id_order_state}` : 'No trigger maps a local state to this platform state'}
                  onClick={() => act(() => api(`/api/v1/admin/drift/${o.id_order}/accept-platform`, { method: 'POST' }), `Order ${o.reference ?? o.id_order}: local state set to ${o.accept_state?.name ?? ''}.`)}>Accept platform</button>
              </td>
            </tr>
          ))}
        </Table>
      ) : null}
    </section>
  );
}
