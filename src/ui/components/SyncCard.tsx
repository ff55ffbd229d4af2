import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../format.ts';
import { useConnectivity } from '../hooks/use-connectivity.ts';
import { useSyncEngine, useSyncStatus } from '../hooks/use-sync.ts';
import { ConnectionProblem } from './ConnectionProblem.tsx';
import { syncSummary } from './sync-summary.ts';

/** What the kader must always see: how much waits, when it last went through, and progress while it runs. */
export function SyncCard() {
  const engine = useSyncEngine();
  const status = useSyncStatus();
  const connectivity = useConnectivity();
  if (!status) return null;
  const { rejected, running, progress } = status;
  const { headline, detail } = syncSummary(status, formatDateTime);
  return (
    <section class="card" aria-live="polite" data-testid="sync-card">
      <p data-testid="sync-pending">
        <strong>{t(headline.key, headline.params)}</strong>
      </p>
      {detail && <p class="muted">{t(detail.key, detail.params)}</p>}
      {running && progress && (
        <div>
          <p class="muted">{t('syncRunning', { sent: progress.sent, total: progress.total })}</p>
          <div
            class="progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.sent}
          >
            <div style={{ width: `${progress.total ? (100 * progress.sent) / progress.total : 0}%` }} />
          </div>
        </div>
      )}
      {rejected > 0 && (
        <a class="banner bad" style={{ display: 'block' }} href="#/periksa">
          {t('syncRejected', { count: rejected })}
        </a>
      )}
      <ConnectionProblem connectivity={connectivity} onRetry={() => engine?.syncNow()} />
      <div class="actions">
        <button type="button" class="secondary" disabled={running} onClick={() => engine?.syncNow()}>
          {t('syncNow')}
        </button>
      </div>
    </section>
  );
}
