import type { ComponentChildren } from 'preact';
import { t } from '../../i18n/index.ts';
import { useOnline } from '../hooks/use-online.ts';

interface ScreenProps {
  title: string;
  /** Where the back arrow leads; the home screen has none. */
  backTo?: string;
  children: ComponentChildren;
}

export function Screen({ title, backTo, children }: ScreenProps) {
  const online = useOnline();
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
      {!online && (
        <div class="netbar" role="status">
          {t('offline')}
        </div>
      )}
      <main class="content">{children}</main>
    </div>
  );
}
