/// <reference lib="webworker" />
// Caching and updates only: the app shell is precached, navigations fall back to it offline, old caches are
// removed, and a new version waits until the kader agrees (the page sends SKIP_WAITING). No business logic here.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The first install takes the open page at once, so it works offline without a second visit. Later versions
// still wait in `waiting` until the kader agrees; only then do they activate and claim.
clientsClaim();

// Every in-app address opens the cached shell; the API and the puskesmas web app are never answered from it.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//, /^\/puskesmas(\/|$)/] }),
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING') {
    void self.skipWaiting();
  }
});

interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

// Background Sync wakes us when the phone finds signal; the page owns the queue, so we only ask it to sync.
// Where the browser has no such event, the page's own triggers (online, timer, start) still run.
self.addEventListener('sync', (event: Event) => {
  const syncEvent = event as SyncEvent;
  if (syncEvent.tag !== 'outbox') return;
  syncEvent.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((clients) => {
      for (const client of clients) client.postMessage({ type: 'sync-requested' });
    }),
  );
});
