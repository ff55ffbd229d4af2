import { useState } from 'preact/hooks';
import { referralTag } from '../../../domain/assessment/assess-person.ts';
import { SCREENING_RULE } from '../../../domain/assessment/finding-rules.ts';
import { screeningFindingCode } from '../../../domain/assessment/judge-screenings.ts';
import {
  BUKU_KIA_MILESTONES,
  milestoneBandFor,
  scoreMilestones,
  type DevelopmentResult,
} from '../../../domain/development/buku-kia-milestones.ts';
import { t, type StringKey } from '../../../i18n/index.ts';
import { recordEvent } from '../../../storage/index.ts';
import { ChoiceField } from '../../components/Field.tsx';
import { useSyncEngine } from '../../hooks/use-sync.ts';
import { destinationLabel } from './judgement-text.ts';

type Answer = '' | 'yes' | 'no';

/**
 * The Buku KIA development checklist of the child's age, one ya/tidak per milestone. Every item must be
 * answered before saving (an unanswered item is never read as "tidak"); a "tidak" records the referral to the
 * puskesmas for KPSP/SDIDTK with the save, as the other questionnaires do.
 */
export function DevelopmentChecklist({
  personId,
  birthDate,
  today,
  done,
}: {
  personId: string;
  birthDate: string;
  today: string;
  /** Already checked today: no second checklist. */
  done: boolean;
}) {
  const band = milestoneBandFor(birthDate, today);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [missing, setMissing] = useState(false);
  const [result, setResult] = useState<DevelopmentResult | null>(null);
  const engine = useSyncEngine();
  if (!band) return null;
  if (result || done) {
    const bad = result === 'delay_suspected';
    return (
      <section class="card" data-testid="development-result">
        <strong>{t('screening_development_kia')}</strong>
        <p class={bad ? 'banner bad' : 'banner good'} role="status">
          {result ? t(`screeningResult_${result}`) : t('screenedToday')}
          {bad ? ` ${t('screeningReferred')}` : ''}
        </p>
      </section>
    );
  }

  const save = async (event: Event) => {
    event.preventDefault();
    if (band.items.some((item) => !answers[item])) {
      setMissing(true);
      return;
    }
    const yes = Object.fromEntries(band.items.map((item) => [item, answers[item] === 'yes']));
    const scored = scoreMilestones(band, yes);
    await recordEvent('screenings', {
      personId,
      date: today,
      instrument: BUKU_KIA_MILESTONES.instrument,
      answers: { ...yes, band: band.fromMonths },
      score: scored.notYet.length,
      result: scored.result,
    });
    const code = screeningFindingCode(BUKU_KIA_MILESTONES.instrument, scored.result);
    const advice = code ? SCREENING_RULE.actions[code]?.referral : undefined;
    if (advice && code) {
      const notYet = scored.notYet.map((item) => t(`devitem_${item}` as StringKey)).join('; ');
      await recordEvent('referrals', {
        personId,
        date: today,
        urgency: advice.urgency,
        destination: advice.destination,
        reason: `${t('screening_development_kia')}: ${notYet} ${referralTag(SCREENING_RULE.id, code)}`,
      });
    }
    setResult(scored.result);
    engine?.notifyLocalWrite();
  };

  return (
    <details class="card" data-testid="development-checklist">
      <summary>
        <strong>{t('screening_development_kia')}</strong>
      </summary>
      <form onSubmit={(e) => void save(e)} noValidate>
        <p class="muted">{t('devIntro', { destination: destinationLabel('puskesmas') })}</p>
        {band.items.map((item) => (
          <ChoiceField
            key={item}
            label={t(`devitem_${item}` as StringKey)}
            name={`dev-${item}`}
            value={answers[item] ?? ''}
            options={[
              { value: 'yes', label: t('devYes') },
              { value: 'no', label: t('devNo') },
            ]}
            onChange={(value) => {
              setMissing(false);
              setAnswers({ ...answers, [item]: value });
            }}
            error={missing && !answers[item] ? t('devAnswerAll') : undefined}
          />
        ))}
        <button type="submit">{t('save')}</button>
      </form>
    </details>
  );
}
