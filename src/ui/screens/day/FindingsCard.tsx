import type { Person } from '../../../../protocol/index.ts';
import type { Assessment, Judgement, ProposedReferral } from '../../../domain/assessment/assessment-types.ts';
import { t } from '../../../i18n/index.ts';
import { recordEvent } from '../../../storage/index.ts';
import { FormBanner } from '../../forms/FormParts.tsx';
import { useSave } from '../../forms/use-save.ts';
import { destinationLabel, judgementMeaning, judgementTitle, judgementValue, LEVEL_CLASS } from './judgement-text.ts';

/**
 * Every judged value with its meaning in words and colour, and the referral it calls for, recorded with one
 * tap in the same place. `since` limits the list to the records of a day (the posyandu day shows today's).
 */
export function FindingsCard({
  person,
  assessment,
  today,
  since,
}: {
  person: Person;
  assessment: Assessment;
  today: string;
  since?: string;
}) {
  const save = useSave();
  const shown = assessment.judgements.filter((j) => since === undefined || j.date >= since);
  const referralOf = (j: Judgement) =>
    assessment.referrals.find((r) => r.ruleId === j.ruleId && r.code === j.code && r.date === j.date);

  // Once recorded, the assessment marks the referral done and the button gives way to "sudah dicatat".
  const refer = (j: Judgement, referral: ProposedReferral) => {
    const value = judgementValue(j);
    return save.run(() =>
      recordEvent('referrals', {
        personId: person.id,
        date: today,
        urgency: referral.urgency,
        destination: referral.destination,
        reason: `${judgementTitle(j)}: ${judgementMeaning(j)}${value ? ` (${value})` : ''} ${referral.tag}`,
      }),
    );
  };

  return (
    <section class="card" data-testid="findings">
      <h3>{t('findingsTitle')}</h3>
      <FormBanner banner={save.banner} />
      {shown.length === 0 && <p class="muted">{t('findingsNone')}</p>}
      {shown.map((j) => {
        const referral = referralOf(j);
        const destination = referral ? destinationLabel(referral.destination) : '';
        return (
          <div key={`${j.ruleId}-${j.code}`} class={LEVEL_CLASS[j.level]} data-testid={`finding-${j.ruleId}`}>
            <p>
              {judgementTitle(j)} {judgementValue(j) && <span>· {judgementValue(j)}</span>}
              <br />
              {judgementMeaning(j)} —{' '}
              <span class={j.level === 'urgent' ? 'badge bad' : 'badge'}>{t(`level_${j.level}`)}</span>
            </p>
            {referral && (
              <p>
                {t(referral.urgency === 'urgent' ? 'referToUrgent' : 'referTo', { destination })}
                {j.homeVisit ? ` ${t('homeVisitNeeded')}` : ''}
              </p>
            )}
            {referral && !referral.recorded && (
              <button
                type="button"
                class={referral.urgency === 'urgent' ? 'danger' : ''}
                data-testid={`refer-${j.ruleId}`}
                disabled={save.saving}
                onClick={() => void refer(j, referral)}
              >
                {t('recordReferralTo', { destination })}
              </button>
            )}
            {referral?.recorded && (
              <p class="badge" data-testid={`referred-${j.ruleId}`}>
                {t('referralDone', { destination })}
              </p>
            )}
          </div>
        );
      })}
    </section>
  );
}
