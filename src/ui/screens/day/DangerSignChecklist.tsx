import type { DangerSignContext } from '../../../domain/schedules/pregnancy-rules.ts';
import { assessDangerSigns, BUKU_KIA_DANGER_SIGNS } from '../../../domain/schedules/pregnancy.ts';
import { referralTag } from '../../../domain/assessment/assess-person.ts';
import { DANGER_SIGN_RULE } from '../../../domain/assessment/finding-rules.ts';
import { t } from '../../../i18n/index.ts';
import { recordEvent } from '../../../storage/index.ts';
import { CheckboxField } from '../../components/Field.tsx';
import { FormBanner, SavedEcho } from '../../forms/FormParts.tsx';
import { useSave } from '../../forms/use-save.ts';
import { dangerSignLabel } from '../../labels.ts';
import { destinationLabel } from './judgement-text.ts';

/**
 * The Buku KIA danger signs of pregnancy, nifas or the newborn as a checklist; any sign ticked proposes the urgent
 * referral, recorded with one tap. The ticked codes are kept by the caller so the visit record carries them.
 */
export function DangerSignChecklist({
  personId,
  context,
  today,
  signs,
  onChange,
}: {
  personId: string;
  context: DangerSignContext;
  today: string;
  signs: readonly string[];
  onChange: (signs: string[]) => void;
}) {
  const save = useSave();
  const assessment = assessDangerSigns(signs);
  const advice = DANGER_SIGN_RULE.actions[context]?.referral;
  const destination = destinationLabel(advice?.destination ?? 'puskesmas');
  const refer = () =>
    save.run(
      () =>
        recordEvent('referrals', {
          personId,
          date: today,
          urgency: 'urgent',
          destination: advice?.destination ?? 'puskesmas',
          reason: `${assessment.referralReason ?? t('dangerSignsTitle')} ${referralTag(DANGER_SIGN_RULE.id, context)}`,
        }),
      // Said in place of the button, so a second tap cannot record the same referral twice.
      { echo: t('referralDone', { destination }) },
    );
  return (
    <details data-testid={`danger-signs-${context}`}>
      <summary>{t('dangerSignsTitle')}</summary>
      {BUKU_KIA_DANGER_SIGNS.signs
        .filter((sign) => sign.context === context)
        .map((sign) => (
          <CheckboxField
            key={sign.code}
            label={dangerSignLabel(sign.code)}
            checked={signs.includes(sign.code)}
            onChange={(checked) => onChange(checked ? [...signs, sign.code] : signs.filter((c) => c !== sign.code))}
          />
        ))}
      {assessment.urgentReferral && !save.echo && (
        <div class="banner bad" role="alert">
          <p>{t('referToUrgent', { destination })}</p>
          <button type="button" class="danger" disabled={save.saving} onClick={() => void refer()}>
            {t('recordReferralTo', { destination })}
          </button>
        </div>
      )}
      <FormBanner banner={save.banner} />
      <SavedEcho echo={save.echo} />
    </details>
  );
}
