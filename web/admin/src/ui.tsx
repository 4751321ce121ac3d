import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from './api.js';

/** Loads once and on reload(); the error is kept for display (401 has already signed out). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: unknown; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then((data) => { if (live) setState({ data, error: null, loading: false }); }, (error: unknown) => { if (live) setState((s) => ({ ...s, error, loading: false })); });
    return () => { live = false; };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  return (
    <div class="error" role="alert">
      <strong>{e ? e.message : String(error)}</strong>
      {e?.hint ? <div class="hint">{e.hint}</div> : null}
      {e ? <div class="code">{e.code}</div> : null}
    </div>
  );
}

export function Notice({ children, kind = 'ok' }: { children: ComponentChildren; kind?: 'ok' | 'warn' }) {
  return <div class={`notice ${kind}`} role="status">{children}</div>;
}

export function Table({ label, head, children, empty }: { label: string; head: string[]; children: ComponentChildren; empty?: string | null }) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table>
        <thead><tr>{head.map((h) => <th scope="col" key={h}>{h}</th>)}</tr></thead>
        <tbody>{children}</tbody>
      </table>
      {empty ? <p class="empty">{empty}</p> : null}
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge ${status}`}>{status}</span>;
}

/** A button that asks for a second press instead of a blocking confirm() dialog. */
export function ConfirmButton({ label, confirmLabel, onConfirm, disabled, name }: { label: string; confirmLabel: string; onConfirm: () => void; disabled?: boolean; name?: string }) {
  const [armed, setArmed] = useState(false);
  return armed
    ? <span class="confirm"><button type="button" class="danger" onClick={() => { setArmed(false); onConfirm(); }}>{confirmLabel}</button> <button type="button" onClick={() => setArmed(false)}>Keep</button></span>
    : <button type="button" disabled={disabled} aria-label={name} onClick={() => setArmed(true)}>{label}</button>;
}
