import { useState } from 'preact/hooks';
import { LIFE_STAGES, type LifeStage } from '../../../domain/posyandu-day/life-stage.ts';
import { t } from '../../../i18n/index.ts';
import { recordEvent, searchPeople } from '../../../storage/index.ts';
import { Screen } from '../../components/Screen.tsx';
import { formatAge, formatDate, todayIsoDate } from '../../format.ts';
import { FormBanner } from '../../forms/FormParts.tsx';
import { useSave } from '../../forms/use-save.ts';
import { useWatch } from '../../hooks/use-watch.ts';
import { navigate } from '../../router.ts';
import { loadDayData } from './day-data.ts';
import { dayView, registeredToday, type DayVisitor } from './day-view.ts';
import { vaccineLabel } from '../../labels.ts';

/** The posyandu morning: register visitors, see them by life-stage group, and who is still expected. */
export function DayScreen() {
  const today = todayIsoDate();
  const [query, setQuery] = useState('');
  const save = useSave();
  // Only what this screen shows is read (day-data.ts), not the whole posyandu's history.
  const snapshot = useWatch(() => loadDayData(today), [today]);
  const matches = useWatch(() => (query.trim() ? searchPeople(query.trim(), 8) : Promise.resolve([])), [query]);

  const register = async (personId: string) => {
    const next = `/posyandu/${personId}`;
    if (registeredToday(snapshot, personId, today)) return navigate(next);
    await save.run(() => recordEvent('visits', { personId, date: today, kind: 'posyandu' }), { next });
  };

  const { visitors, byStage, dueDoses, dueChildren, notWeighed } = snapshot
    ? dayView(snapshot, today)
    : { visitors: [], byStage: new Map<LifeStage, DayVisitor[]>(), dueDoses: [], dueChildren: [], notWeighed: [] };

  return (
    <Screen title={t('dayTitle')} backTo="/">
      <p class="muted">{t('dayDate', { date: formatDate(today) })}</p>
      <h2>{t('stepRegister')}</h2>
      <FormBanner banner={save.banner} />
      <input
        type="search"
        name="visitor-search"
        placeholder={t('registerSearch')}
        value={query}
        onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
        class="search-input"
      />
      <ul class="list" data-testid="register-results">
        {(matches ?? []).map((person) => (
          <li key={person.id}>
            <div class="row">
              <span>
                <strong>{person.name}</strong>
                <br />
                <span class="muted">{formatAge(person.birthDate)}</span>
              </span>
              {/* Someone who moved away or died is found (the kader may be asked), never registered. */}
              {person.status === 'active' ? (
                <button type="button" onClick={() => void register(person.id)}>
                  {t('registerVisitor')}
                </button>
              ) : (
                <span class="badge warn">
                  {person.status === 'moved_out' ? t('personMovedOut') : t('personDeceased')}
                </span>
              )}
            </div>
          </li>
        ))}
      </ul>

      {/* Until the day's records are read, a count of 0 would tell the kader nobody registered. */}
      <h2>{snapshot ? t('visitorsToday', { count: visitors.length }) : t('visitorsTitle')}</h2>
      {!snapshot && (
        <p class="muted" role="status" data-testid="visitors-loading">
          {t('loading')}
        </p>
      )}
      {snapshot && visitors.length === 0 && <p class="muted">{t('visitorsNone')}</p>}
      {LIFE_STAGES.filter((stage) => byStage.has(stage)).map((stage) => (
        <section key={stage} data-testid={`stage-${stage}`}>
          <h3>{t(`stage_${stage}`)}</h3>
          <ul class="list">
            {(byStage.get(stage) ?? []).map(({ person, pkg }) => (
              <li key={person.id}>
                <a href={`#/posyandu/${person.id}`}>
                  <span>
                    <strong>{person.name}</strong>
                    <br />
                    <span class="muted">{formatAge(person.birthDate)}</span>
                  </span>
                  {pkg.missing.length > 0 ? (
                    <span class="badge warn">{t('visitorMissing', { count: pkg.missing.length })}</span>
                  ) : (
                    <span class="badge">{t('visitorComplete')}</span>
                  )}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}

      <h2>{t('dueToday')}</h2>
      {!snapshot && <p class="muted">{t('loading')}</p>}
      {snapshot && (
        <section class="card" data-testid="due-today">
          <details>
            <summary>{t('dueDoses', { count: dueChildren.length })}</summary>
            <ul class="list">
              {dueChildren.map((id) => (
                <DueRow
                  key={id}
                  name={snapshot?.byId.get(id)?.name ?? ''}
                  detail={dueDoses
                    .filter((d) => d.personId === id)
                    .map((d) => vaccineLabel(d.code))
                    .join(', ')}
                  onRegister={() => void register(id)}
                />
              ))}
            </ul>
          </details>
          <details>
            <summary>{t('notWeighedThisMonth', { count: notWeighed.length })}</summary>
            <ul class="list">
              {notWeighed.map((person) => (
                <DueRow
                  key={person.id}
                  name={person.name}
                  detail={formatAge(person.birthDate)}
                  onRegister={() => void register(person.id)}
                />
              ))}
            </ul>
          </details>
        </section>
      )}
    </Screen>
  );
}

/** Someone expected today, with why, and one tap to register them as today's visitor. */
function DueRow({ name, detail, onRegister }: { name: string; detail: string; onRegister: () => void }) {
  return (
    <li>
      <div class="row">
        <span>
          {name}
          <br />
          <span class="muted">{detail}</span>
        </span>
        <button type="button" class="secondary" onClick={onRegister}>
          {t('registerVisitor')}
        </button>
      </div>
    </li>
  );
}
