import { t, type StringKey } from '../../i18n/index.ts';
import { getPerson, listEventsForPerson, markPersonDeceased, markPersonMovedOut } from '../../storage/index.ts';
import { Screen } from '../components/Screen.tsx';
import { formatAge, formatDate, todayIsoDate } from '../format.ts';
import { useSyncEngine } from '../hooks/use-sync.ts';
import { useWatch } from '../hooks/use-watch.ts';
import { Timeline } from './Timeline.tsx';

export function PersonScreen({ personId }: { personId: string }) {
  const person = useWatch(() => getPerson(personId), [personId]);
  const events = useWatch(() => listEventsForPerson(personId), [personId]);
  const engine = useSyncEngine();
  if (!person) return <Screen title={t('loading')} backTo="/" children={null} />;

  const mark = async (action: typeof markPersonMovedOut) => {
    await action(person.id, todayIsoDate());
    engine?.notifyLocalWrite();
  };

  return (
    <Screen title={person.name} backTo={`/keluarga/${person.householdId}`}>
      <section class="card">
        <p>
          {person.sex === 'female' ? t('female') : t('male')} · {formatAge(person.birthDate)} ·{' '}
          {formatDate(person.birthDate)}
        </p>
        {person.nik && <p class="muted">NIK {person.nik}</p>}
        <p class="muted">{t(`relation_${person.relationToHead}` as StringKey)}</p>
        {person.status !== 'active' && (
          <p class="banner warn">
            {person.status === 'moved_out' ? t('personMovedOut') : t('personDeceased')}
            {person.statusDate ? ` · ${formatDate(person.statusDate)}` : ''}
          </p>
        )}
      </section>
      <h2>{t('timelineTitle')}</h2>
      <Timeline events={events ?? []} />
      {person.status === 'active' && (
        <div class="actions">
          <button type="button" class="secondary" onClick={() => mark(markPersonMovedOut)}>
            {t('markMovedOut')}
          </button>
          <button type="button" class="danger" onClick={() => mark(markPersonDeceased)}>
            {t('markDeceased')}
          </button>
        </div>
      )}
    </Screen>
  );
}
