import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, clearToken, getToken, onUnauthorized, setToken } from './api.js';
import { DriftPage } from './pages/drift.js';
import { OrdersPage } from './pages/orders.js';
import { OverviewPage } from './pages/overview.js';
import { QueuePage } from './pages/queue.js';
import { TransitionsPage } from './pages/transitions.js';
import { TriggersPage } from './pages/triggers.js';

const PAGES = [
  { path: 'overview', label: 'Overview' },
  { path: 'triggers', label: 'Triggers' },
  { path: 'queue', label: 'Sync queue' },
  { path: 'orders', label: 'Orders' },
  { path: 'drift', label: 'Drift' },
  { path: 'transitions', label: 'Transitions' },
] as const;

/** Hash routes (#/orders/12) keep every page under the one /admin/ document. */
function useRoute(): string[] {
  const read = () => (location.hash.replace(/^#\/?/, '') || 'overview').split('/');
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const update = () => setRoute(read());
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}

function SignIn({ onSignedIn, reason }: { onSignedIn: () => void; reason: string | null }) {
  const [token, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/api/v1/admin/overview', { token: token.trim() });
      setToken(token.trim());
      onSignedIn();
    } catch (e) {
      setError(e instanceof ApiError ? (e.status === 401 ? 'The daemon refused this token.' : e.message) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="signin">
      <h1>ecom-sync</h1>
      <form onSubmit={submit} aria-label="Sign in">
        <p>Sign in with the daemon's API token (<code>ECOM_SYNC_API_TOKEN</code>). It is kept in this tab only.</p>
        {reason ? <div class="error" role="alert">{reason}</div> : null}
        {error ? <div class="error" role="alert">{error}</div> : null}
        <label for="token">API token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required value={token} onInput={(e) => setValue((e.target as HTMLInputElement).value)} autoFocus />
        <button type="submit" disabled={busy || token.trim() === ''}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  );
}

function App() {
  const [signedIn, setSignedIn] = useState(getToken() !== null);
  const [reason, setReason] = useState<string | null>(null);
  const route = useRoute();
  // Registered during render, not in an effect: the pages' first requests may be answered before effects run.
  onUnauthorized((message) => { setReason(`Signed out: ${message}.`); setSignedIn(false); });
  if (!signedIn) return <SignIn reason={reason} onSignedIn={() => { setReason(null); setSignedIn(true); }} />;
  const page = route[0] ?? 'overview';
  const signOut = () => { clearToken(); setReason(null); setSignedIn(false); };
  return (
    <>
      <header>
        <span class="brand">ecom-sync</span>
        <nav aria-label="Pages">
          {PAGES.map((p) => <a key={p.path} href={`#/${p.path}`} aria-current={page === p.path ? 'page' : undefined}>{p.label}</a>)}
        </nav>
        <button type="button" class="signout" onClick={signOut}>Sign out</button>
      </header>
      <main id="page">
        {page === 'triggers' ? <TriggersPage />
          : page === 'queue' ? <QueuePage />
          : page === 'orders' ? <OrdersPage id={route[1] ? Number(route[1]) : null} />
          : page === 'drift' ? <DriftPage />
          : page === 'transitions' ? <TransitionsPage />
          : <OverviewPage />}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
