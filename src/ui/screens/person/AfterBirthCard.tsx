import { useState } from 'preact/hooks';
import type { Person, Visit } from '../../../../protocol/index.ts';
import { newbornVisits, postpartumVisits, type WindowState } from '../../../domain/schedules/postpartum-newborn.ts';
import { t } from '../../../i18n/index.ts';
import { recordEvent } from '../../../storage/index.ts';
import { formatDate, todayIsoDate } from '../../format.ts';
import { useSyncEngine } from '../../hooks/use-sync.ts';
import { DangerSignChecklist } from '../day/DangerSignChecklist.tsx';
import { afterBirthVisitLabel } from '../../labels.ts';

const BADGE: Record<WindowState['status'], string> = {
  done: 'badge',
  due: 'badge warn',
  missed: 'badge bad',
  upcoming: 'badge',
};

/**
 * Postpartum (KF1-KF4, the mother) or newborn (KN1-KN3, the baby) visits with their windows from the birth date,
 * and a button that records the one due now.
 */
export function AfterBirthCard({
  person,
  birthDate,
  kind,
  visits,
}: {
  person: Person;
  birthDate: string;
  kind: 'postpartum' | 'neonatal';
  visits: readonly Visit[];
}) {
  const today = todayIsoDate();
  const engine = useSyncEngine();
  const windows =
    kind === 'postpartum' ? postpartumVisits(birthDate, visits, today) : newbornVisits(birthDate, visits, today);
  const due = windows.find((w) => w.status === 'due');
  const [signs, setSigns] = useState<string[]>([]);
  const record = async (window: WindowState) => {
    await recordEvent('visits', {
      personId: person.id,
      date: today,
      kind,
      contactCode: window.code,
      ...(signs.length > 0 ? { dangerSigns: signs } : {}),
    });
    engine?.notifyLocalWrite();
  };
  return (
    <section class="card" data-testid={`after-birth-${kind}`}>
      <h3>{t(kind === 'postpartum' ? 'postpartumVisitsTitle' : 'newbornVisitsTitle')}</h3>
      <ul class="list">
        {windows.map((w) => (
          <li key={w.code}>
            <div class="row">
              <span>
                {afterBirthVisitLabel(w.code)}
                <br />
                <span class="muted">
                  {formatDate(w.from)} – {formatDate(w.to)}
                </span>
              </span>
              <span class={BADGE[w.status]}>{t(`window_${w.status}`)}</span>
            </div>
          </li>
        ))}
      </ul>
      <DangerSignChecklist
        personId={person.id}
        context={kind === 'postpartum' ? 'postpartum' : 'newborn'}
        today={today}
        signs={signs}
        onChange={setSigns}
      />
      {due && (
        <button type="button" onClick={() => void record(due)}>
          {t('recordWindowVisit', { code: due.code })}
        </button>
      )}
    </section>
  );
}
