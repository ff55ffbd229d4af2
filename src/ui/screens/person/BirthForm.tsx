import { useState } from 'preact/hooks';
import { describeValidation, type Person, type Pregnancy } from '../../../../protocol/index.ts';
import { t } from '../../../i18n/index.ts';
import { recordBirth, ValidationError } from '../../../storage/index.ts';
import { ChoiceField, TextField } from '../../components/Field.tsx';
import { todayIsoDate } from '../../format.ts';
import { useSyncEngine } from '../../hooks/use-sync.ts';
import { navigate } from '../../router.ts';

/** A birth: the baby joins the mother's family, linked to her, and her pregnancy is closed. */
export function BirthForm({ mother, pregnancy }: { mother: Person; pregnancy: Pregnancy | undefined }) {
  const [name, setName] = useState('');
  const [sex, setSex] = useState<'' | 'male' | 'female'>('');
  const [birthDate, setBirthDate] = useState(todayIsoDate());
  const [weight, setWeight] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const engine = useSyncEngine();

  const save = async (event: Event) => {
    event.preventDefault();
    const weightKg = weight.trim() ? Number(weight.replace(',', '.')) : undefined;
    if (weightKg !== undefined && !Number.isFinite(weightKg)) {
      setErrors({ weight: t('numberInvalid') });
      return;
    }
    try {
      const baby = await recordBirth({
        motherId: mother.id,
        ...(pregnancy ? { pregnancy } : {}),
        child: { name, sex: (sex || undefined) as 'male' | 'female', birthDate },
        ...(weightKg !== undefined ? { birthWeightKg: weightKg } : {}),
      });
      engine?.notifyLocalWrite();
      navigate(`/warga/${baby.id}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      setErrors(
        Object.fromEntries(error.issues.map((i) => [i.path.split('.').at(-1) ?? '', describeValidation(i.key)])),
      );
    }
  };

  return (
    <details class="card">
      <summary>
        <strong>{t('birthTitle')}</strong>
      </summary>
      <form onSubmit={(e) => void save(e)} noValidate data-testid="birth-form">
        <TextField label={t('birthName')} name="babyName" value={name} onInput={setName} error={errors.name} />
        <ChoiceField
          label={t('sex')}
          name="babySex"
          value={sex}
          options={[
            { value: 'female', label: t('female') },
            { value: 'male', label: t('male') },
          ]}
          onChange={setSex}
          error={errors.sex}
        />
        <TextField
          label={t('birthDate')}
          name="babyBirthDate"
          type="date"
          value={birthDate}
          onInput={setBirthDate}
          error={errors.birthDate}
        />
        <TextField
          label={`${t('birthWeight')} ${t('optional')}`}
          name="birthWeight"
          decimal
          value={weight}
          onInput={setWeight}
          error={errors.weight ?? errors.weightKg}
        />
        <button type="submit">{t('save')}</button>
      </form>
    </details>
  );
}
