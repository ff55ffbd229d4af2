import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../format.ts';
import { useConnectivity } from '../hooks/use-connectivity.ts';
import { useSyncEngine, useSyncStatus } from '../hooks/use-sync.ts';
import { ConnectionProblem } from './ConnectionProblem.tsx';
import { syncSummary } from './sync-summary.ts';

/** Holds a line's height while its text is not known yet. */
const BLANK = '\u00a0';

/**
 * What the kader must always see: how much waits, when it last went through, and progress while it runs. Every
 * line is there from the first paint (blank until the engine's first status) and the progress row keeps its
 * place while idle, so the home screen never jumps when the data arrives or a sync starts.
 */
export function SyncCard() {
  const engine = useSyncEngine();
  const status = useSyncStatus();
  const connectivity = useConnectivity();
  const pulling = status?.running ? status.pullProgress : null;
  const pushing = status?.running ? status.progress : null;
  const showProgress = Boolean(pulling ?? pushing);
  const progress = pulling ? { sent: pulling.received, total: pulling.total } : (pushing ?? { sent: 0, total: 0 });
  const progressLine = pulling
    ? t('syncPulling', { received: pulling.received, total: pulling.total })
    : pushing
      ? t('syncRunning', { sent: pushing.sent, total: pushing.total })
      : BLANK;
  const summary = status ? syncSummary(status, formatDateTime) : null;
  return (
    <section class="card" aria-live="polite" aria-busy={status === null} data-testid="sync-card">
      <p data-testid="sync-pending">
        <strong>{summary ? t(summary.headline.key, summary.headline.params) : BLANK}</strong>
      </p>
      <p class="muted">{summary?.detail ? t(summary.detail.key, summary.detail.params) : BLANK}</p>
      <div
        class="sync-progress"
        style={{ visibility: showProgress ? 'visible' : 'hidden' }}
        aria-hidden={!showProgress}
      >
        <p class="muted">{progressLine}</p>
        <div
          class="progress"
          role="progressbar"
          aria-label={progressLine}
          aria-valuemin={0}
          aria-valuemax={progress.total}
          aria-valuenow={progress.sent}
        >
          <div style={{ width: `${progress.total ? (100 * progress.sent) / progress.total : 0}%` }} />
        </div>
      </div>
      {status && status.rejected > 0 && (
        <a class="banner bad" style={{ display: 'block' }} href="#/periksa">
          {t('syncRejected', { count: status.rejected })}
        </a>
      )}
      {status && <ConnectionProblem connectivity={connectivity} onRetry={() => engine?.syncNow()} />}
      <div class="actions">
        <button type="button" class="secondary" disabled={!status || status.running} onClick={() => engine?.syncNow()}>
          {t('syncNow')}
        </button>
      </div>
    </section>
  );
}
