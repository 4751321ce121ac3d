import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import type { InitData, Overview, PushPreview, Trigger } from '../types.js';
import { ConfirmButton, ErrorBox, Notice, Table, useLoad } from '../ui.js';

type Email = 'inherit' | 'yes' | 'no';
const toEmail = (value: boolean | null): Email => (value === null ? 'inherit' : value ? 'yes' : 'no');
const fromEmail = (value: Email): boolean | null => (value === 'inherit' ? null : value === 'yes');
const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

interface Catalogue { stores: Overview['stores']; init: InitData }

/** The store's usable platform states (pulled catalogue, neither deleted nor vanished). */
const platformStatesOf = (init: InitData, storeId: number) => init.ecommerce_order_states.filter((s) => s.id_store === storeId && !s.is_deleted && !s.is_missing);

function EmailSelect({ id, value: current, onChange }: { id: string; value: Email; onChange: (v: Email) => void }) {
  return (
    <select id={id} value={current} onChange={(e) => onChange(value(e) as Email)}>
      <option value="inherit">as the store (inherit)</option>
      <option value="yes">send the customer e-mail</option>
      <option value="no">no e-mail</option>
    </select>
  );
}

function Preview({ storeId, platformStateId, email }: { storeId: number; platformStateId: number; email: Email }) {
  const [state, setState] = useState<{ preview: PushPreview | null; error: unknown }>({ preview: null, error: null });
  useEffect(() => {
    let live = true;
    if (!storeId || !platformStateId) { setState({ preview: null, error: null }); return; }
    api<PushPreview>('/api/v1/admin/triggers/preview', { method: 'POST', body: { id_store: storeId, platform_state_id: platformStateId, send_email: fromEmail(email) } })
      .then((preview) => { if (live) setState({ preview, error: null }); }, (error: unknown) => { if (live) setState({ preview: null, error }); });
    return () => { live = false; };
  }, [storeId, platformStateId, email]);
  if (state.error) return <ErrorBox error={state.error} />;
  if (!state.preview) return null;
  const p = state.preview;
  return (
    <figure class="preview" aria-label="What a matching change would push">
      <figcaption>
        A matching change would push "{p.platform_state.name}" ({p.platform_state.id_platform_state}){p.send_email ? ' and PrestaShop e-mails the customer' : ', no e-mail'}
        {p.example_order ? `, e.g. for order ${p.example_order.reference ?? p.example_order.id_order}:` : ' (example platform order 1):'}
      </figcaption>
      <pre>{`${p.method} ${p.url}\n\n${p.body}`}</pre>
    </figure>
  );
}

function CreateForm({ catalogue, onCreated }: { catalogue: Catalogue; onCreated: (t: Trigger) => void }) {
  const { stores, init } = catalogue;
  const [storeId, setStoreId] = useState(stores[0]?.id_store ?? 0);
  const [eventType, setEventType] = useState('order_status_changed');
  const [localState, setLocalState] = useState(0);
  const [platformState, setPlatformState] = useState(0);
  const [email, setEmail] = useState<Email>('inherit');
  const [active, setActive] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const locals = eventType === 'order_status_changed'
    ? init.order_states.map((s) => ({ id: s.id_order_state, name: s.name }))
    : init.shipping_states.map((s) => ({ id: s.id_shipping_state, name: s.name }));
  const platform = platformStatesOf(init, storeId);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api<Trigger>('/api/v1/triggers', {
        method: 'POST',
        body: { id_store: storeId, event_type: eventType, id_state_local: localState, platform_state_id: platformState, is_active: active, send_email: fromEmail(email) },
      });
      onCreated(created);
      setLocalState(0);
      setPlatformState(0);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="panel" onSubmit={submit} aria-labelledby="create-title">
      <h2 id="create-title">New trigger</h2>
      <div class="grid">
        <label for="t-store">Store</label>
        <select id="t-store" value={storeId} onChange={(e) => { setStoreId(Number(value(e))); setPlatformState(0); }}>
          {stores.map((s) => <option key={s.id_store} value={s.id_store}>{s.name} (#{s.id_store}, {s.platform})</option>)}
        </select>
        <label for="t-event">When</label>
        <select id="t-event" value={eventType} onChange={(e) => { setEventType(value(e)); setLocalState(0); }}>
          <option value="order_status_changed">the order state changes</option>
          <option value="shipping_status_changed">the shipping state changes</option>
        </select>
        <label for="t-local">to local state</label>
        <select id="t-local" value={localState} required onChange={(e) => setLocalState(Number(value(e)))}>
          <option value={0}>— choose —</option>
          {locals.map((s) => <option key={s.id} value={s.id}>{s.name} ({s.id})</option>)}
        </select>
        <label for="t-platform">push platform state</label>
        <select id="t-platform" value={platformState} required onChange={(e) => setPlatformState(Number(value(e)))}>
          <option value={0}>{platform.length === 0 ? '— no states pulled for this store —' : '— choose —'}</option>
          {platform.map((s) => <option key={s.id_platform_state} value={s.id_platform_state}>{s.name} ({s.id_platform_state})</option>)}
        </select>
        <label for="t-email">Customer e-mail</label>
        <EmailSelect id="t-email" value={email} onChange={setEmail} />
        <label for="t-active">Active</label>
        <input id="t-active" type="checkbox" checked={active} onChange={(e) => setActive((e.target as HTMLInputElement).checked)} />
      </div>
      <Preview storeId={storeId} platformStateId={platformState} email={email} />
      <ErrorBox error={error} />
      <button type="submit" disabled={busy || !storeId || !localState || !platformState}>{busy ? 'Creating…' : 'Create trigger'}</button>
    </form>
  );
}

function TriggerRow({ trigger, catalogue, onChanged, onError }: { trigger: Trigger; catalogue: Catalogue; onChanged: (message: string) => void; onError: (e: unknown) => void }) {
  const [editing, setEditing] = useState(false);
  const [platformState, setPlatformState] = useState(trigger.platform_state_id ?? 0);
  const [email, setEmail] = useState<Email>(toEmail(trigger.send_email));
  const act = (run: () => Promise<unknown>, message: string) => run().then(() => onChanged(message), onError);
  const t = trigger;
  return (
    <tr data-trigger={t.id_trigger}>
      <td>#{t.id_trigger}</td>
      <td>{t.store_name}</td>
      <td>{t.event_type === 'order_status_changed' ? 'order' : 'shipping'}</td>
      <td>{t.local_state_name ?? '?'} <span class="muted">({t.id_state_local})</span></td>
      <td>
        {editing ? (
          <select aria-label={`Platform state of trigger ${t.id_trigger}`} value={platformState} onChange={(e) => setPlatformState(Number(value(e)))}>
            {platformStatesOf(catalogue.init, t.id_store).map((s) => <option key={s.id_platform_state} value={s.id_platform_state}>{s.name} ({s.id_platform_state})</option>)}
          </select>
        ) : <>{t.platform_state_name ?? '?'} <span class="muted">({t.platform_state_id ?? '?'})</span>{t.platform_state_flag ? <span class="badge failed">{t.platform_state_flag}</span> : null}</>}
      </td>
      <td>{editing ? <EmailSelect id={`t-email-${t.id_trigger}`} value={email} onChange={setEmail} /> : t.send_email === null ? 'inherit' : t.send_email ? 'yes' : 'no'}</td>
      <td>{t.is_active ? 'active' : <span class="muted">disabled</span>}</td>
      <td class="actions">
        {editing ? (
          <>
            <button type="button" onClick={() => act(() => api(`/api/v1/admin/triggers/${t.id_trigger}`, { method: 'PATCH', body: { platform_state_id: platformState, send_email: fromEmail(email) } }).then(() => setEditing(false)), `Trigger #${t.id_trigger} saved.`)}>Save</button>
            <button type="button" onClick={() => setEditing(false)}>Cancel</button>
          </>
        ) : <button type="button" onClick={() => setEditing(true)}>Edit</button>}
        <button type="button" onClick={() => act(() => api(`/api/v1/triggers/${t.id_trigger}`, { method: 'PATCH', body: { is_active: !t.is_active } }), `Trigger #${t.id_trigger} ${t.is_active ? 'disabled' : 'enabled'}.`)}>{t.is_active ? 'Disable' : 'Enable'}</button>
        <ConfirmButton label="Delete" confirmLabel="Confirm delete" onConfirm={() => act(() => api(`/api/v1/triggers/${t.id_trigger}`, { method: 'DELETE' }), `Trigger #${t.id_trigger} removed.`)} />
      </td>
    </tr>
  );
}

export function TriggersPage() {
  const catalogue = useLoad(async () => {
    const [overview, init] = await Promise.all([api<Overview>('/api/v1/admin/overview'), api<InitData>('/api/v1/init')]);
    return { stores: overview.stores, init };
  }, []);
  const triggers = useLoad(() => api<{ triggers: Trigger[] }>('/api/v1/triggers'), []);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const changed = (text: string) => { setMessage(text); setError(null); triggers.reload(); };
  return (
    <section aria-labelledby="triggers-title">
      <h1 id="triggers-title">Triggers</h1>
      <p class="muted">A trigger pushes a platform state when an order enters a local state.</p>
      <ErrorBox error={catalogue.error ?? triggers.error ?? error} />
      {message ? <Notice>{message}</Notice> : null}
      {triggers.data && catalogue.data ? (
        <Table label="Triggers" head={['Id', 'Store', 'Event', 'Local state', 'Platform state', 'E-mail', 'Status', '']} empty={triggers.data.triggers.length === 0 ? 'No triggers yet.' : null}>
          {triggers.data.triggers.map((t) => <TriggerRow key={`${t.id_trigger}:${t.platform_state_id}:${String(t.send_email)}`} trigger={t} catalogue={catalogue.data!} onChanged={changed} onError={(e) => { setMessage(null); setError(e); }} />)}
        </Table>
      ) : null}
      {catalogue.data ? <CreateForm catalogue={catalogue.data} onCreated={(t) => changed(`Trigger #${t.id_trigger} created: ${t.local_state_name ?? t.id_state_local} → ${t.platform_state_name ?? t.platform_state_id}.`)} /> : null}
    </section>
  );
}
