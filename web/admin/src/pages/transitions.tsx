import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { TransitionGraph, type GraphState } from '../transition-graph.js';
import type { InitData, StateType, TransitionList, TransitionRule } from '../types.js';
import { ConfirmButton, ErrorBox, Notice, Table, useLoad } from '../ui.js';

const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;
const TYPE_LABELS: Record<StateType, string> = { order_state: 'Order states', shipping_state: 'Shipping states' };
const MODE_NOTES = { off: ' (rules are not checked; set transitions.mode to warn or enforce)', warn: ' (a change against the rules is applied with a warning)', enforce: ' (a change against the rules is refused; admins override with a reason)' };

/** The lines `ecom-sync transitions allow/deny` print, so that the page and the CLI say the same. */
const stateLabel = (id: number, name: string | null) => `${id} ${name ?? '?'}`;
const ruleLine = (r: TransitionRule) => `${r.state_type} ${stateLabel(r.id_state_from, r.from_name)} → ${stateLabel(r.id_state_to, r.to_name)}`;

function statesOf(init: InitData, type: StateType): GraphState[] {
  return type === 'order_state'
    ? init.order_states.map((s) => ({ id: s.id_order_state, name: s.name }))
    : init.shipping_states.map((s) => ({ id: s.id_shipping_state, name: s.name }));
}

function AddForm({ type, states, from, setFrom, onDone, onError }: {
  type: StateType; states: GraphState[]; from: number; setFrom: (id: number) => void; onDone: (message: string) => void; onError: (e: unknown) => void;
}) {
  const [to, setTo] = useState(0);
  const [bothWays, setBothWays] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await api<{ added: TransitionRule[]; already_allowed: TransitionRule[] }>('/api/v1/transitions', { method: 'POST', body: { state_type: type, from, to, both_ways: bothWays } });
      onDone([...result.added.map((r) => `Allowed: ${ruleLine(r)}`), ...result.already_allowed.map((r) => `Already allowed: ${ruleLine(r)}`)].join('\n'));
      setTo(0);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  const options = states.map((s) => <option key={s.id} value={s.id}>{s.name} ({s.id})</option>);
  return (
    <form class="panel" onSubmit={submit} aria-labelledby="allow-title">
      <h2 id="allow-title">Allow a transition</h2>
      <div class="grid">
        <label for="tr-from">From</label>
        <select id="tr-from" value={from} required onChange={(e) => setFrom(Number(value(e)))}>
          <option value={0}>— choose —</option>{options}
        </select>
        <label for="tr-to">To</label>
        <select id="tr-to" value={to} required onChange={(e) => setTo(Number(value(e)))}>
          <option value={0}>— choose —</option>{options}
        </select>
        <label for="tr-both">Both ways</label>
        <span><input id="tr-both" type="checkbox" checked={bothWays} onChange={(e) => setBothWays((e.target as HTMLInputElement).checked)} /> <span class="muted">also allow To → From</span></span>
      </div>
      <button type="submit" class="primary" disabled={busy || !from || !to}>{busy ? 'Allowing…' : 'Allow'}</button>
    </form>
  );
}

export function TransitionsPage() {
  const [type, setType] = useState<StateType>('order_state');
  const init = useLoad(() => api<InitData>('/api/v1/init'), []);
  const list = useLoad(() => api<TransitionList>(`/api/v1/transitions?state_type=${type}`), [type]);
  const [selected, setSelected] = useState<number | null>(null);
  const [from, setFrom] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const done = (text: string) => { setMessage(text); setError(null); list.reload(); };
  const failed = (e: unknown) => { setMessage(null); setError(e); };
  const select = (id: number | null) => { setSelected(id); if (id !== null) setFrom(id); };
  const remove = (r: TransitionRule) => {
    const query = new URLSearchParams({ state_type: r.state_type, from: String(r.id_state_from), to: String(r.id_state_to) });
    api<{ removed: TransitionRule[] }>(`/api/v1/transitions?${query.toString()}`, { method: 'DELETE' })
      .then((result) => done(result.removed.map((x) => `No longer allowed: ${ruleLine(x)}`).join('\n')), failed);
  };
  const states = init.data ? statesOf(init.data, type) : [];
  // Rules of this type only: a reply to the previous type's request may still be on screen.
  const rules = (list.data?.transitions ?? []).filter((r) => r.state_type === type);
  const shown = selected === null ? rules : rules.filter((r) => r.id_state_from === selected || r.id_state_to === selected);
  return (
    <section aria-labelledby="transitions-title">
      <div class="title-row">
        <h1 id="transitions-title">Transitions</h1>
        <span>
          <label for="tr-type">State type</label>{' '}
          <select id="tr-type" value={type} onChange={(e) => { setType(value(e) as StateType); setSelected(null); setFrom(0); setMessage(null); setError(null); }}>
            {(Object.keys(TYPE_LABELS) as StateType[]).map((t) => <option key={t} value={t}>{TYPE_LABELS[t]}</option>)}
          </select>
        </span>
      </div>
      <p class="muted">Which local state may follow which. Select a state in the graph (Tab, then Enter; arrow keys move) to see its steps and to allow one from it.</p>
      {list.data ? <p data-testid="transitions-mode">transitions.mode: <strong>{list.data.mode}</strong>{MODE_NOTES[list.data.mode]}</p> : null}
      {message ? <Notice>{message.split('\n').map((line, i) => <div key={i}>{line}</div>)}</Notice> : null}
      <ErrorBox error={error ?? init.error ?? list.error} />
      {init.data && list.data ? (
        <>
          <div class="graph-layout">
            <div class="graph-wrap">
              <TransitionGraph states={states} rules={rules} selected={selected} onSelect={select} />
              <p class="legend muted"><span class="key out" /> from the selected state <span class="key in" /> into it</p>
            </div>
            <div class="graph-side">
              <h2>{selected === null ? 'Allowed transitions' : `Steps of ${states.find((s) => s.id === selected)?.name ?? selected}`}{selected !== null ? <> <button type="button" onClick={() => setSelected(null)}>Show all</button></> : null}</h2>
              <div class="rules"><Table label="Allowed transitions" head={['From', 'To', '']}
                empty={rules.length === 0 ? 'No transition rules yet (every change is allowed). Propose some: ecom-sync transitions init' : shown.length === 0 ? 'No step to or from this state.' : null}>
                {shown.map((r) => (
                  <tr key={`${r.id_state_from}-${r.id_state_to}`} data-rule={`${r.id_state_from}-${r.id_state_to}`}>
                    <td>{r.from_name ?? '?'} <span class="muted">({r.id_state_from})</span></td>
                    <td>{r.to_name ?? '?'} <span class="muted">({r.id_state_to})</span></td>
                    <td><ConfirmButton label="Remove" name={`Remove ${r.from_name ?? r.id_state_from} → ${r.to_name ?? r.id_state_to}`} confirmLabel="Confirm remove" onConfirm={() => remove(r)} /></td>
                  </tr>
                ))}
              </Table></div>
              <AddForm type={type} states={states} from={from} setFrom={setFrom} onDone={done} onError={failed} />
            </div>
          </div>
          {list.data.final_triggers.length > 0 ? (
            <>
              <h2>Triggers towards a final platform state</h2>
              <p class="muted">An order pushed there cannot be moved to a non-final one.</p>
              <Table label="Triggers towards a final platform state" head={['Trigger', 'Store', 'Local state', 'Platform', 'Final state', 'Rule']}>
                {list.data.final_triggers.map((t) => (
                  <tr key={t.id_trigger}>
                    <td>#{t.id_trigger}</td><td>#{t.id_store}</td><td>{states.find((s) => s.id === t.id_state_local)?.name ?? t.id_state_local}</td>
                    <td>{t.platform}</td><td>{t.platform_state}</td><td class="wrap">{t.rule}</td>
                  </tr>
                ))}
              </Table>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
