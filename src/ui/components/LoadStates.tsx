import { t } from '../../i18n/index.ts';
import type { Loadable } from '../hooks/use-loadable.ts';
import { Screen } from './Screen.tsx';

interface StateScreenProps {
  /** Where "Kembali" leads: the list the kader came from. */
  backTo: string;
}

export function LoadingScreen({ backTo }: StateScreenProps) {
  return (
    <Screen title={t('loading')} backTo={backTo}>
      <p class="muted" role="status" data-testid="loading">
        {t('loading')}
      </p>
    </Screen>
  );
}

export function NotFoundScreen({ backTo }: StateScreenProps) {
  return (
    <Screen title={t('notFoundTitle')} backTo={backTo}>
      <p role="alert" data-testid="not-found">
        {t('notFoundBody')}
      </p>
      <a class="button" href={`#${backTo}`}>
        {t('back')}
      </a>
    </Screen>
  );
}

export function LoadFailedScreen({ backTo }: StateScreenProps) {
  return (
    <Screen title={t('loadFailedTitle')} backTo={backTo}>
      <p role="alert" data-testid="load-failed">
        {t('loadFailedBody')}
      </p>
      <button type="button" onClick={() => location.reload()}>
        {t('connTryAgain')}
      </button>
    </Screen>
  );
}

/** What stands in for a record's screen while it is not ready: loading, failed, or not on this phone. */
export function LoadState({ loadable, backTo }: StateScreenProps & { loadable: Loadable<unknown> }) {
  if (loadable.state === 'loading') return <LoadingScreen backTo={backTo} />;
  if (loadable.state === 'failed') return <LoadFailedScreen backTo={backTo} />;
  return <NotFoundScreen backTo={backTo} />;
}
