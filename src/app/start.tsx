import { render } from 'preact';
import type { DeviceEnrollment, VaultState } from '../storage/index.ts';
import { ensureLocaleLoaded } from '../i18n/index.ts';
import { requestPersistentStorage } from '../platform/storage-estimate.ts';
import { getEnrollment, lockApp, onVaultChange, vaultState, watch } from '../storage/index.ts';
import { createSyncEngine, type SyncEngine } from '../sync/index.ts';
import { SyncEngineContext } from '../ui/hooks/use-sync.ts';
import '../ui/styles.css';
import { LockScreen } from '../ui/screens/LockScreen.tsx';
import { loadWireSchemas } from '../../protocol/wire-schemas.ts';
import { App, preloadEverydayScreens } from './App.tsx';
import { APP_VERSION } from './app-version.ts';
import { startIdleLock } from './idle-lock.ts';
import { registerServiceWorker, requestBackgroundSync } from './service-worker.ts';

/**
 * The composition root: everything the app needs is local, so the first screen renders from IndexedDB before
 * (and whether or not) the network answers. Sync starts after, in the background.
 */
const root = document.getElementById('app') as HTMLElement;
// index.html shows "Memuat…" until the app runs; Preact renders beside existing nodes, so clear it first.
root.textContent = '';
let engine: SyncEngine | null = null;
let shownEnrollment: string | undefined;
let enrollment: DeviceEnrollment | undefined;
let vault: VaultState | undefined;
let stopIdleLock: (() => void) | null = null;

/**
 * What the phone shows: enrollment first (records need a posyandu), then the PIN (set once, then asked at every
 * cold start and after the idle timeout), then the app. Nothing with a record renders, and nothing syncs, while
 * the app is locked: the records cannot be decrypted then anyway.
 */
function show(): void {
  if (vault === undefined) return;
  const locked = enrollment !== undefined && vault !== 'unlocked';
  if (locked) {
    engine?.stop();
    stopIdleLock?.();
    stopIdleLock = null;
  } else if (enrollment) {
    startSync();
    stopIdleLock ??= startIdleLock(lockApp);
  }
  render(
    <SyncEngineContext.Provider value={engine}>
      {locked && enrollment ? (
        <LockScreen key={vault} mode={vault === 'plain' ? 'set' : 'unlock'} kaderName={enrollment.kaderName} />
      ) : (
        <App enrollment={enrollment} />
      )}
    </SyncEngineContext.Provider>,
    root,
  );
  // Not before the enrollment is read: until then the render is a placeholder and the real first screen has yet
  // to paint.
  if (shownEnrollment !== undefined) preloadOnceIdle();
}

let preloading = false;
// Not focusin: the PIN screen focuses its field itself as it mounts.
const STARTS = ['pointerdown', 'keydown', 'input'] as const;

/**
 * Once the first screen is up (the PIN screen, mostly) and the kader starts on it, the code it did not need but
 * the next steps do: the everyday screens and the validation rules of the first save. Both come from the service
 * worker's precache, so offline too. Her first touch, key or typed character starts it: every way past the PIN or enrollment
 * screen begins with one, and the PIN's key derivation leaves the main thread free meanwhile; a page nobody
 * touches (a Lighthouse run) loads nothing more. A failure only means loading on first use.
 */
function preloadOnceIdle(): void {
  if (preloading) return;
  preloading = true;
  const preload = (): void => {
    void preloadEverydayScreens();
    loadWireSchemas().catch(() => undefined);
  };
  const whenIdle = (): void => {
    for (const type of STARTS) removeEventListener(type, whenIdle, true);
    if (typeof requestIdleCallback === 'function') requestIdleCallback(preload, { timeout: 1_000 });
    else setTimeout(preload, 100);
  };
  for (const type of STARTS) addEventListener(type, whenIdle, { capture: true, once: true, passive: true });
}

function startSync(): void {
  if (engine) {
    engine.start();
    return;
  }
  engine = createSyncEngine({ baseUrl: location.origin, purgeSynced: true, appVersion: APP_VERSION });
  engine.start();
  // Ask the browser to wake the app when signal returns whenever records wait without signal. Only Chromium has
  // Background Sync; the engine's own triggers (online, timer, start) do the work everywhere else.
  let asked = false;
  engine.subscribe((status) => {
    const waitingOffline = status.pending > 0 && !navigator.onLine;
    if (waitingOffline && !asked) void requestBackgroundSync();
    asked = waitingOffline;
  });
}

// Another tab of the app open since before the first PIN would go on writing rows in clear: the tab that set the
// PIN tells the others, which lock (and so ask for the new PIN) at once.
const vaultChannel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('posyandu-vault') : null;
vaultChannel?.addEventListener('message', () => {
  if (vault === 'plain') lockApp();
});

onVaultChange((state) => {
  if (vault === 'plain' && state === 'unlocked') vaultChannel?.postMessage('pin-set');
  vault = state;
  show();
});

// Enrollment can change while the app is open (first enrollment, or a 401 that asks for a new one).
void ensureLocaleLoaded()
  .then(async () => {
    vault = await vaultState();
  })
  .then(() =>
    watch(() => getEnrollment()).subscribe((current) => {
      // The query re-runs on every write (the clock lives in the same table): render only when the enrollment
      // itself changed, not on each saved record.
      const key = JSON.stringify(current);
      if (key === shownEnrollment) return;
      shownEnrollment = key;
      enrollment = current ?? undefined;
      show();
    }),
  );

registerServiceWorker();
void requestPersistentStorage();
