import { useState } from 'preact/hooks';
import type { Person, Pregnancy } from '../../../../protocol/index.ts';
import {
  assessDangerSigns,
  assessKek,
  BUKU_KIA_DANGER_SIGNS,
  nextAntenatalContact,
  pregnancyStatus,
} from '../../../domain/schedules/pregnancy.ts';
import { t } from '../../../i18n/index.ts';
import { recordEvent } from '../../../storage/index.ts';
import { CheckboxField } from '../../components/Field.tsx';
import { formatDate } from '../../format.ts';
import { dangerSignLabel } from '../../labels.ts';
import { useSyncEngine } from '../../hooks/use-sync.ts';
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
  const [signs, setSigns] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const engine = useSyncEngine();
  const status = pregnancyStatus(pregnancy, history.visits, history.services, today);
  const dueContact = nextAntenatalContact(status);
  const latestMuac = [...history.measurements]
    .filter((m) => m.muacCm !== undefined)
    .sort((a, b) => a.date.localeCompare(b.date))
    .at(-1)?.muacCm;
  const kek = latestMuac !== undefined && assessKek(latestMuac).kek;
  const assessment = assessDangerSigns(signs);
  const doneToday = history.visits.some((v) => v.kind === 'antenatal' && v.date === today);

  const recordContact = async () => {
    await recordEvent('visits', {
      personId: person.id,
      date: today,
      kind: 'antenatal',
      pregnancyId: pregnancy.id,
      ...(dueContact ? { contactCode: dueContact.code } : {}),
      ...(signs.length ? { dangerSigns: signs } : {}),
    });
    setMessage(t('antenatalRecorded'));
    engine?.notifyLocalWrite();
  };
  const refer = async () => {
    await recordEvent('referrals', {
      personId: person.id,
      date: today,
      urgency: 'urgent',
      reason: assessment.referralReason ?? 'Tanda bahaya kehamilan',
      destination: 'puskesmas',
    });
    setMessage(t('referralRecorded'));
    engine?.notifyLocalWrite();
  };

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
      <details>
        <summary>{t('dangerSignsTitle')}</summary>
        {BUKU_KIA_DANGER_SIGNS.signs
          .filter((sign) => sign.context === 'pregnancy')
          .map((sign) => (
            <CheckboxField
              key={sign.code}
              label={dangerSignLabel(sign.code)}
              checked={signs.includes(sign.code)}
              onChange={(checked) =>
                setSigns(checked ? [...signs, sign.code] : signs.filter((code) => code !== sign.code))
              }
            />
          ))}
      </details>
      {assessment.urgentReferral && (
        <div class="banner bad" role="alert">
          <p>{t('dangerSignsRefer')}</p>
          <button type="button" class="danger" onClick={() => void refer()}>
            {t('recordReferral')}
          </button>
        </div>
      )}
      {!doneToday && (
        <button type="button" onClick={() => void recordContact()} data-testid="record-antenatal">
          {t('antenatalVisit', { code: dueContact?.code ?? 'ANC' })}
        </button>
      )}
      {message && <p class="banner good">{message}</p>}
    </section>
  );
}
