import type { Person, Visit } from '../../../../protocol/index.ts';
import { newbornVisits, postpartumVisits, type WindowState } from '../../../domain/schedules/postpartum-newborn.ts';
import { t } from '../../../i18n/index.ts';
import { recordEvent } from '../../../storage/index.ts';
import { formatDate, todayIsoDate } from '../../format.ts';
import { FormBanner, SavedEcho } from '../../forms/FormParts.tsx';
import { useForm } from '../../forms/use-form.ts';
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
  const windows =
    kind === 'postpartum' ? postpartumVisits(birthDate, visits, today) : newbornVisits(birthDate, visits, today);
  const due = windows.find((w) => w.status === 'due');
  // The danger signs ticked belong to the visit due: kept as its draft until it is recorded.
  const form = useForm<string[]>({
    draftKey: `after-birth-${kind}-${person.id}-${today}`,
    initial: () => [],
    dirty: (signs) => signs.length > 0,
  });
  const signs = form.draft;
  // Once recorded, the window's badge says "Sudah" and the button moves on to the next visit due.
  const record = (window: WindowState) =>
    form.submit(
      () =>
        recordEvent('visits', {
          personId: person.id,
          date: today,
          kind,
          contactCode: window.code,
          ...(signs.length > 0 ? { dangerSigns: signs } : {}),
        }),
      { echo: t('windowVisitRecorded', { code: window.code }) },
    );
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
        onChange={form.setDraft}
      />
      <FormBanner banner={form.banner} />
      <SavedEcho echo={form.echo} />
      {due && (
        <button type="button" disabled={form.saving} onClick={() => void record(due)}>
          {t('recordWindowVisit', { code: due.code })}
        </button>
      )}
    </section>
  );
}
