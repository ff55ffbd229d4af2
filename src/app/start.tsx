import { render } from 'preact';
import type { DeviceEnrollment } from '../storage/index.ts';
import { ensureLocaleLoaded } from '../i18n/index.ts';
import { requestPersistentStorage } from '../platform/storage-estimate.ts';
import { getEnrollment, watch } from '../storage/index.ts';
import { createSyncEngine, type SyncEngine } from '../sync/index.ts';
import { SyncEngineContext } from '../ui/hooks/use-sync.ts';
import '../ui/styles.css';
import { App } from './App.tsx';
import { APP_VERSION } from './app-version.ts';
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

function show(enrollment: DeviceEnrollment | undefined): void {
  render(
    <SyncEngineContext.Provider value={engine}>
      <App enrollment={enrollment} />
    </SyncEngineContext.Provider>,
    root,
  );
}

function startSync(): void {
  if (engine) return;
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

// Enrollment can change while the app is open (first enrollment, or a 401 that asks for a new one).
void ensureLocaleLoaded().then(() =>
  watch(() => getEnrollment()).subscribe((enrollment) => {
    // The query re-runs on every write (the clock lives in the same table): render only when the enrollment
    // itself changed, not on each saved record.
    const key = JSON.stringify(enrollment);
    if (key === shownEnrollment) return;
    shownEnrollment = key;
    if (enrollment) startSync();
    show(enrollment ?? undefined);
  }),
);

registerServiceWorker();
void requestPersistentStorage();
