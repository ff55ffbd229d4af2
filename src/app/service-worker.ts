import { Workbox } from 'workbox-window';

let workbox: Workbox | null = null;
const waitingListeners = new Set<() => void>();
let updateWaiting = false;
let updateAccepted = false;

/** Registers /sw.js. A new version installs in the background and then waits for the kader's consent. */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  workbox = new Workbox('/sw.js');
  workbox.addEventListener('waiting', () => {
    updateWaiting = true;
    for (const listener of waitingListeners) listener();
  });
  // Once the worker the kader accepted has taken over, load the new app shell. (Not `event.isUpdate`: it only
  // says whether a worker controlled the page when this one registered, which is false for the tab that
  // installed the app in the first place.)
  workbox.addEventListener('controlling', () => {
    if (updateAccepted) location.reload();
  });
  void workbox.register();
  // A phone may keep the app open for days: look for a new version every hour while it is open.
  setInterval(() => void workbox?.update(), 60 * 60 * 1000);
}

export function onUpdateWaiting(listener: () => void): () => void {
  waitingListeners.add(listener);
  if (updateWaiting) listener();
  return () => waitingListeners.delete(listener);
}

export function applyUpdate(): void {
  updateAccepted = true;
  workbox?.messageSkipWaiting();
}

/** Asks the browser to wake us when the phone regains signal, where Background Sync exists (Chromium). */
export async function requestBackgroundSync(): Promise<void> {
  const registration = await navigator.serviceWorker?.ready;
  const sync = (registration as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } })?.sync;
  await sync?.register('outbox').catch(() => undefined);
}
