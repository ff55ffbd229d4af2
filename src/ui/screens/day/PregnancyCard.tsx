import type { Person, Pregnancy } from '../../../../protocol/index.ts';
import { assessKek, nextAntenatalContact, pregnancyStatus } from '../../../domain/schedules/pregnancy.ts';
import { t } from '../../../i18n/index.ts';
import { recordEvent } from '../../../storage/index.ts';
import { formatDate } from '../../format.ts';
import { FormBanner, SavedEcho } from '../../forms/FormParts.tsx';
import { useForm } from '../../forms/use-form.ts';
import { DangerSignChecklist } from './DangerSignChecklist.tsx';
import type { PersonHistory } from './visitor-data.ts';

/** A pregnant visitor: where she is, the antenatal contact due, KEK, and danger signs that make an urgent referral. */
export function PregnancyCard({
  person,
  pregnancy,
  history,
  today,
}: {
  person: Person;
  pregnancy: Pregnancy;
  history: PersonHistory;
  today: string;
}) {
  // The danger signs ticked belong to today's antenatal contact: kept as its draft until it is recorded.
  const form = useForm<string[]>({
    draftKey: `antenatal-${pregnancy.id}-${today}`,
    initial: () => [],
    dirty: (signs) => signs.length > 0,
  });
  const signs = form.draft;
  const status = pregnancyStatus(pregnancy, history.visits, history.services, today);
  const dueContact = nextAntenatalContact(status);
  const latestMuac = [...history.measurements]
    .filter((m) => m.muacCm !== undefined)
    .sort((a, b) => a.date.localeCompare(b.date))
    .at(-1)?.muacCm;
  const kek = latestMuac !== undefined && assessKek(latestMuac).kek;
  const doneToday = history.visits.some((v) => v.kind === 'antenatal' && v.date === today);

  const recordContact = () =>
    form.submit(
      () =>
        recordEvent('visits', {
          personId: person.id,
          date: today,
          kind: 'antenatal',
          pregnancyId: pregnancy.id,
          ...(dueContact ? { contactCode: dueContact.code } : {}),
          ...(signs.length ? { dangerSigns: signs } : {}),
        }),
      { echo: t('antenatalRecorded') },
    );
  return (
    <section class="card" data-testid="pregnancy-card">
      <p>
        <strong>
          {t('gestationalAge', {
            weeks: status.gestationalAge.weeks,
            days: status.gestationalAge.days,
            trimester: status.trimester,
          })}
        </strong>
      </p>
      <p>{t('dueDate', { date: formatDate(status.estimatedDueDate) })}</p>
      <p class="muted">
        {status.contacts
          .map((c) => `${c.code}${c.status === 'done' ? ' ✓' : c.status === 'missed' ? ' ✗' : ''}`)
          .join(' · ')}
      </p>
      {kek && <p class="banner bad">{t('kekWarning')}</p>}
      <DangerSignChecklist
        personId={person.id}
        context="pregnancy"
        today={today}
        signs={signs}
        onChange={form.setDraft}
      />
      {!doneToday && (
        <button
          type="button"
          disabled={form.saving}
          onClick={() => void recordContact()}
          data-testid="record-antenatal"
        >
          {t('antenatalVisit', { code: dueContact?.code ?? 'ANC' })}
        </button>
      )}
      <FormBanner banner={form.banner} />
      <SavedEcho echo={form.echo} />
    </section>
  );
}
