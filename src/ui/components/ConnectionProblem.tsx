import type { ComponentChildren } from 'preact';
import { t } from '../../i18n/index.ts';
import type { Connectivity } from '../../sync/index.ts';

interface ConnectionProblemProps {
  connectivity: Connectivity;
  onRetry: () => void;
}

/** One plain sentence per reason the records cannot go, and the one thing the kader can do about it. */
export function ConnectionProblem({ connectivity, onRetry }: ConnectionProblemProps) {
  switch (connectivity) {
    case 'unknown':
    case 'connected':
      return null;
    case 'no-signal':
      return <Problem state={connectivity} tone="warn" text={t('connNoSignal')} />;
    case 'server-unreachable':
      return (
        <Problem
          state={connectivity}
          tone="warn"
          text={t('connServerUnreachable')}
          action={<Retry onRetry={onRetry} />}
        />
      );
    case 'server-busy':
      return <Problem state={connectivity} tone="warn" text={t('connServerBusy')} />;
    case 'update-app':
      return (
        <Problem
          state={connectivity}
          tone="bad"
          text={t('connUpdateApp')}
          action={
            <button type="button" class="secondary" onClick={checkForUpdate}>
              {t('connCheckUpdate')}
            </button>
          }
        />
      );
    case 'enroll-again':
      return (
        <Problem
          state={connectivity}
          tone="warn"
          text={t('syncNeedsEnrollment')}
          action={
            <a class="button secondary" href="#/daftar">
              {t('enrollAgain')}
            </a>
          }
        />
      );
    case 'batch-refused':
      return (
        <Problem state={connectivity} tone="bad" text={t('connBatchRefused')} action={<Retry onRetry={onRetry} />} />
      );
  }
}

function Problem({
  state,
  tone,
  text,
  action,
}: {
  state: Connectivity;
  tone: 'warn' | 'bad';
  text: string;
  action?: ComponentChildren;
}) {
  return (
    <div class={`banner ${tone}`} role="status" data-testid="sync-problem" data-state={state}>
      <p>{text}</p>
      {action}
    </div>
  );
}

function Retry({ onRetry }: { onRetry: () => void }) {
  return (
    <button type="button" class="secondary" onClick={onRetry}>
      {t('connTryAgain')}
    </button>
  );
}

/** The update itself still waits for the kader's consent (UpdatePrompt); this only asks the server for it now. */
function checkForUpdate(): void {
  void navigator.serviceWorker
    ?.getRegistration()
    .then((registration) => registration?.update())
    .catch(() => undefined);
}
