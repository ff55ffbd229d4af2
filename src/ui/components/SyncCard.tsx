import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../format.ts';
import { useSyncEngine, useSyncStatus } from '../hooks/use-sync.ts';

/** What the kader must always see: how much waits, when it last went through, and progress while it runs. */
export function SyncCard() {
  const engine = useSyncEngine();
  const status = useSyncStatus();
  if (!status) return null;
  const { pending, rejected, running, progress, lastSuccessAt, lastError, needsEnrollment } = status;
  return (
    <section class="card" aria-live="polite" data-testid="sync-card">
      <p data-testid="sync-pending">
        <strong>{pending > 0 ? t('syncWaiting', { count: pending }) : t('syncAllSent')}</strong>
      </p>
      <p class="muted">{lastSuccessAt ? t('syncLast', { when: formatDateTime(lastSuccessAt) }) : t('syncNever')}</p>
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
      {needsEnrollment && (
        <p class="banner warn">
          {t('syncNeedsEnrollment')} <a href="#/daftar">{t('enrollAgain')}</a>
        </p>
      )}
      {!needsEnrollment && lastError && pending > 0 && <p class="muted">{t('syncErrorNetwork')}</p>}
      <div class="actions">
        <button type="button" class="secondary" disabled={running} onClick={() => engine?.syncNow()}>
          {t('syncNow')}
        </button>
      </div>
    </section>
  );
}
