import { t } from '../../i18n/index.ts';
import { listRejected, resendRejected } from '../../storage/index.ts';
import { Screen } from '../components/Screen.tsx';
import { useSyncEngine } from '../hooks/use-sync.ts';
import { useWatch } from '../hooks/use-watch.ts';

/** Records the puskesmas refused: never dropped, shown with the reason until the kader fixes and resends them. */
export function RejectedScreen() {
  const rejected = useWatch(() => listRejected(), []);
  const engine = useSyncEngine();
  const resend = async (seq: number) => {
    await resendRejected(seq);
    engine?.syncNow();
  };
  return (
    <Screen title={t('rejectedTitle')} backTo="/">
      <p>{t('rejectedIntro')}</p>
      {rejected?.length === 0 && <p class="muted">{t('rejectedEmpty')}</p>}
      <ul class="list" data-testid="rejected-list">
        {(rejected ?? []).map((entry) => (
          <li key={entry.seq}>
            <div class="row">
              <span>
                <strong>{describeRecord(entry.record)}</strong>
                <br />
                <span class="muted">{t('rejectedReason', { reason: entry.error?.message ?? '' })}</span>
              </span>
              <button type="button" class="secondary" onClick={() => resend(entry.seq)}>
                {t('resend')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </Screen>
  );
}

function describeRecord(record: Record<string, unknown>): string {
  const name = record.name ?? record.headName;
  return typeof name === 'string' ? name : String(record.id ?? '');
}
