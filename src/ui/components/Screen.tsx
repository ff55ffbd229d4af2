import type { ComponentChildren } from 'preact';
import { t } from '../../i18n/index.ts';
import { useConnectivity } from '../hooks/use-connectivity.ts';

interface ScreenProps {
  title: string;
  /** Where the back arrow leads; the home screen has none. */
  backTo?: string;
  children: ComponentChildren;
}

export function Screen({ title, backTo, children }: ScreenProps) {
  const connectivity = useConnectivity();
  return (
    <div class="app">
      <header class="topbar">
        {backTo !== undefined && (
          <a class="icon-button button" href={`#${backTo}`} aria-label={t('back')}>
            ←
          </a>
        )}
        <h1>{title}</h1>
      </header>
      {(connectivity === 'no-signal' || connectivity === 'server-unreachable') && (
        <div class="netbar" role="status" data-testid="connectivity" data-state={connectivity}>
          {t(connectivity === 'no-signal' ? 'connNoSignal' : 'connServerUnreachable')}
        </div>
      )}
      <main class="content">{children}</main>
    </div>
  );
}
