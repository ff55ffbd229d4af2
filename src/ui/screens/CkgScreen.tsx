import { CKG_BIRTHDAY_RULES, dueBirthdayChecks } from '../../domain/ckg/birthday-check.ts';
import { t, type StringKey } from '../../i18n/index.ts';
import { recordEvent } from '../../storage/index.ts';
import { Screen } from '../components/Screen.tsx';
import { formatDate, todayIsoDate } from '../format.ts';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { FormBanner } from '../forms/FormParts.tsx';
import { useSave } from '../forms/use-save.ts';
import { useWatch } from '../hooks/use-watch.ts';
import { historyFor, loadPosyanduSnapshot } from './day/posyandu-snapshot.ts';
import { assess } from './day/visitor-data.ts';

/** Cek Kesehatan Gratis: who has the birthday check open or coming this month, and what the package holds. */
export function CkgScreen() {
  const today = todayIsoDate();
  const snapshot = useWatch(() => loadPosyanduSnapshot(), []);
  const save = useSave();
  if (!snapshot) return <Screen title={t('ckgTitle')} backTo="/" children={<p>{t('loading')}</p>} />;

  // The same assessment as the person page decides each birthday window.
  const list = dueBirthdayChecks(
    snapshot.people
      .filter((person) => person.status === 'active' && person.birthDate <= today)
      .map((person) => ({ person, check: assess(person, historyFor(snapshot, person.id), today).birthdayCheck })),
    today,
  );
  // Once recorded, the check counts as done and the row says "Sudah cek" instead of the button.
  const markDone = (personId: string) =>
    save.run(() => recordEvent('services', { personId, date: today, service: CKG_BIRTHDAY_RULES.serviceCode }));

  return (
    <Screen title={t('ckgTitle')} backTo="/">
      <p class="muted">{t('ckgIntro')}</p>
      {list.length === 0 && <p class="muted">{t('ckgEmpty')}</p>}
      <FormBanner banner={save.banner} />
      <ul class="list" data-testid="ckg-list">
        {list.map(({ person, check }) => (
          <li key={person.id}>
            <div class="row">
              <span>
                <a class="inline-link" href={`#/warga/${person.id}`}>
                  <strong>{person.name}</strong>
                </a>{' '}
                <span class="muted">{t('ckgAge', { years: check.ageYears })}</span>
                <br />
                <span class={check.status === 'open' ? 'badge warn' : 'badge'}>
                  {check.status === 'open'
                    ? t('ckgOpen', { date: formatDate(check.windowTo) })
                    : t('ckgUpcoming', { date: formatDate(check.birthday) })}
                </span>
                <br />
                <span class="muted">{check.items.map((item) => t(`ckgitem_${item}` as StringKey)).join(', ')}</span>
              </span>
              {check.done ? (
                <span class="badge">{t('ckgDone')}</span>
              ) : (
                check.status === 'open' && (
                  // Marking it done closes the birthday check for the year: asked first, as every such tap is.
                  <ConfirmButton
                    label={t('ckgRecordDone')}
                    question={t('confirmCkg', { name: person.name })}
                    confirmLabel={t('confirmCkgYes')}
                    onConfirm={() => void markDone(person.id)}
                    variant="secondary"
                    testId={`ckg-done-${person.id}`}
                  />
                )
              )}
            </div>
          </li>
        ))}
      </ul>
    </Screen>
  );
}
