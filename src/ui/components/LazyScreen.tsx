import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';

type Loading<P> = { state: 'loading' } | { state: 'ready'; Component: ComponentType<P> } | { state: 'failed' };

/** A screen loaded on demand; `preload` fetches its code ahead, so its first visit paints at once. */
export type LazyScreen<P extends object> = ComponentType<P> & { preload(): Promise<void> };

/**
 * Loads a screen's code on first visit, so the first screen after a cold start needs only the shell. Every chunk is
 * precached by the service worker, so this works offline too; when a chunk still cannot be fetched (a cache the
 * browser cleared, an update half downloaded) the kader is told so and can try again.
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): LazyScreen<P> {
  let loaded: ComponentType<P> | null = null;
  const preload = async (): Promise<void> => {
    loaded ??= await load();
  };
  return Object.assign(
    function LazyScreen(props: P) {
      const [loading, setLoading] = useState<Loading<P>>(() =>
        loaded ? { state: 'ready', Component: loaded } : { state: 'loading' },
      );
      useEffect(() => {
        if (loading.state !== 'loading') return;
        let live = true;
        load().then(
          (component) => {
            loaded = component;
            if (live) setLoading({ state: 'ready', Component: component });
          },
          () => {
            if (live) setLoading({ state: 'failed' });
          },
        );
        return () => {
          live = false;
        };
      }, [loading.state]);
      if (loading.state === 'ready') return <loading.Component {...props} />;
      if (loading.state === 'loading') return <p style={{ padding: '16px' }}>{t('loading')}</p>;
      return (
        <div class="app">
          <main class="content">
            <p class="banner warn" role="alert" data-testid="chunk-failed">
              {t('chunkFailed')}
            </p>
            <div class="actions">
              {/* A reload, not a second import(): a browser may remember a failed module fetch for the page's life. */}
              <button type="button" onClick={() => location.reload()}>
                {t('connTryAgain')}
              </button>
              <a class="button secondary" href="#/">
                {t('goHome')}
              </a>
            </div>
          </main>
        </div>
      );
    },
    { preload },
  );
}
