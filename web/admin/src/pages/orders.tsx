import { useState } from 'preact/hooks';
import { api, formatTime } from '../api.js';
import type { InitData, OrderDetails, OrderRow, StatusChange } from '../types.js';
import { ErrorBox, Notice, StatusBadge, Table, useLoad } from '../ui.js';

const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

function Search() {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const found = useLoad(() => api<{ orders: OrderRow[] }>(`/api/v1/admin/orders?q=${encodeURIComponent(q)}&limit=50`), [q]);
  return (
    <>
      <form class="filters" role="search" onSubmit={(e) => { e.preventDefault(); setQ(text.trim()); }}>
        <label for="o-search">Order id or reference</label>
        <input id="o-search" type="search" value={text} onInput={(e) => setText(value(e))} placeholder="e.g. 32 or XKBKNABJK" />
        <button type="submit">Search</button>
      </form>
      <ErrorBox error={found.error} />
      {found.data ? (
        <Table label="Orders" head={['Order', 'Reference', 'Store', 'Local state', 'Platform state', 'Total', 'Updated']} empty={found.data.orders.length === 0 ? 'No order matches.' : null}>
          {found.data.orders.map((o) => (
            <tr key={o.id_order}>
              <td><a href={`#/orders/${o.id_order}`}>#{o.id_order}</a></td>
              <td>{o.reference ?? ''}</td>
              <td>{o.store_name ?? '—'}</td>
              <td>{o.order_state ?? o.id_order_state}</td>
              <td>{o.platform_state ?? '—'}</td>
              <td class="num">{o.total_price_with_tax.toLocaleString('it-IT', { style: 'currency', currency: 'EUR' })}</td>
              <td>{formatTime(o.date_upd)}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </>
  );
}

function ChangeState({ order, states, onChanged }: { order: OrderDetails; states: InitData['order_states']; onChanged: (result: StatusChange) => void }) {
  const [state, setState] = useState(0);
  const [preview, setPreview] = useState<StatusChange | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (apply: boolean) => {
    setBusy(true);
    setError(null);
    try {
      if (!apply) setPreview(await api<StatusChange>(`/api/v1/admin/orders/${order.id_order}/status-preview`, { method: 'POST', body: { id_order_state: state } }));
      else {
        const result = await api<StatusChange>(`/api/v1/orders/${order.id_order}/status`, { method: 'PUT', body: { id_order_state: state } });
        setPreview(null);
        setState(0);
        onChanged(result);
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="panel" aria-labelledby="change-title" onSubmit={(e) => { e.preventDefault(); void run(false); }}>
      <h2 id="change-title">Change state</h2>
      <label for="o-state">New local state</label>{' '}
      <select id="o-state" value={state} onChange={(e) => { setState(Number(value(e))); setPreview(null); }}>
        <option value={0}>— choose —</option>
        {states.filter((s) => s.id_order_state !== order.id_order_state).map((s) => <option key={s.id_order_state} value={s.id_order_state}>{s.name} ({s.id_order_state})</option>)}
      </select>{' '}
      <button type="submit" disabled={busy || !state}>Preview</button>
      {preview ? (
        <div class="preview" data-testid="status-preview">
          <p>
            {preview.old_state === null ? '' : `${states.find((s) => s.id_order_state === preview.old_state)?.name ?? preview.old_state} → `}<strong>{preview.new_state_name}</strong>.{' '}
            {preview.platform_call
              ? `Trigger #${preview.trigger?.id_trigger ?? '?'} pushes "${preview.trigger?.platform_state_name ?? ''}" (${preview.trigger?.id_platform_state ?? ''})${preview.platform_call.send_email ? ' with the customer e-mail' : ''}:`
              : preview.sync_note ?? (preview.trigger?.unusable ? `Not pushed: ${preview.trigger.unusable}` : 'Nothing is pushed to the platform.')}
          </p>
          {preview.platform_call ? <pre>{`${preview.platform_call.method} ${preview.platform_call.url}\n\n${preview.platform_call.body}`}</pre> : null}
          <button type="button" class="primary" disabled={busy || !preview.changed} onClick={() => { void run(true); }}>Apply change</button>
        </div>
      ) : null}
      <ErrorBox error={error} />
    </form>
  );
}

function Detail({ id }: { id: number }) {
  const detail = useLoad(() => api<OrderDetails>(`/api/v1/admin/orders/${id}`), [id]);
  const init = useLoad(() => api<InitData>('/api/v1/init'), []);
  const [result, setResult] = useState<StatusChange | null>(null);
  const d = detail.data;
  return (
    <>
      <p><a href="#/orders">← All orders</a></p>
      <ErrorBox error={detail.error ?? init.error} />
      {d ? (
        <>
          <h2>Order #{d.id_order} {d.reference ? <span class="muted">{d.reference}</span> : null}</h2>
          <dl class="facts">
            <dt>Store</dt><dd>{d.store_name ?? '—'} {d.id_origin !== null ? <span class="muted">(platform order {d.id_origin})</span> : null}</dd>
            <dt>Local state</dt><dd data-testid="local-state">{d.order_state_name ?? d.id_order_state}</dd>
            <dt>Platform state</dt><dd>{d.ecommerce_order_state ? `${d.ecommerce_order_state.state_name} (${d.ecommerce_order_state.id_platform_state})` : '—'}</dd>
            <dt>Total</dt><dd>{d.total_price_with_tax.toLocaleString('it-IT', { style: 'currency', currency: 'EUR' })}</dd>
          </dl>
          {result ? (
            <Notice kind={result.sync && result.sync.status !== 'done' ? 'warn' : 'ok'}>
              {result.message}: {result.new_state_name}.{' '}
              {result.sync ? `Push #${result.sync.id_sync_job} to "${result.sync.platform_state_name}": ${result.sync.status}${result.sync.error ? ` (${result.sync.error})` : ''}.` : result.sync_note ?? ''}
            </Notice>
          ) : null}
          {init.data ? <ChangeState order={d} states={init.data.order_states} onChanged={(r) => { setResult(r); detail.reload(); }} /> : null}
          <h3>Local history</h3>
          <Table label="Local history" head={['When', 'State']} empty={d.history.length === 0 ? 'No history.' : null}>
            {d.history.map((h, i) => <tr key={i}><td>{formatTime(h.date_add)}</td><td>{h.state_name ?? h.id_order_state}</td></tr>)}
          </Table>
          <h3>Pushes to the platform</h3>
          <Table label="Pushes" head={['Job', 'Platform state', 'Status', 'Attempts', 'Last error', 'Created', 'Done']} empty={d.sync_jobs.length === 0 ? 'Nothing pushed.' : null}>
            {d.sync_jobs.map((j) => (
              <tr key={j.id_sync_job}>
                <td>#{j.id_sync_job}</td><td>{j.platform_state_name ?? j.id_platform_state}</td><td><StatusBadge status={j.status} /></td>
                <td>{j.attempts}</td><td class="wrap">{j.last_error ?? ''}</td><td>{formatTime(j.created_at)}</td><td>{formatTime(j.done_at)}</td>
              </tr>
            ))}
          </Table>
          <h3>Sync log</h3>
          <Table label="Sync log" head={['When', 'Level', 'Job', 'Message']} empty={d.sync_log.length === 0 ? 'No log lines.' : null}>
            {d.sync_log.map((l, i) => <tr key={i}><td>{formatTime(l.created_at)}</td><td>{l.level}</td><td>{l.id_sync_job ?? ''}</td><td class="wrap">{l.message}</td></tr>)}
          </Table>
        </>
      ) : null}
    </>
  );
}

export function OrdersPage({ id }: { id: number | null }) {
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">Orders</h1>
      {id !== null && Number.isSafeInteger(id) && id > 0 ? <Detail id={id} /> : <Search />}
    </section>
  );
}
