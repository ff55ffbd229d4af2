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
import { FormBanner, SaveButton } from '../../forms/FormParts.tsx';
import { useForm } from '../../forms/use-form.ts';
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
  const form = useForm<Record<string, Answer>>({
    draftKey: `development-${personId}-${today}`,
    initial: () => ({}),
    dirty: (draft) => Object.values(draft).some((answer) => answer !== ''),
  });
  const answers = form.draft;
  const [result, setResult] = useState<DevelopmentResult | null>(null);
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
    const unanswered = band.items.filter((item) => !answers[item]);
    if (form.refuse(Object.fromEntries(unanswered.map((item) => [item, t('devAnswerAll')])))) return;
    const yes = Object.fromEntries(band.items.map((item) => [item, answers[item] === 'yes']));
    const scored = scoreMilestones(band, yes);
    const code = screeningFindingCode(BUKU_KIA_MILESTONES.instrument, scored.result);
    const advice = code ? SCREENING_RULE.actions[code]?.referral : undefined;
    await form.submit(
      async () => {
        await recordEvent('screenings', {
          personId,
          date: today,
          instrument: BUKU_KIA_MILESTONES.instrument,
          answers: { ...yes, band: band.fromMonths },
          score: scored.notYet.length,
          result: scored.result,
        });
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
      },
      { then: () => setResult(scored.result) },
    );
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
            onChange={(value) => form.update({ [item]: value })}
            // Answering an item takes its message away; the others still say they wait for an answer.
            error={answers[item] ? undefined : form.errors[item]}
          />
        ))}
        <FormBanner banner={form.errors.form ?? null} />
        <SaveButton saving={form.saving} />
      </form>
    </details>
  );
}
