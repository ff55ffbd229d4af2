import { useState } from 'preact/hooks';
import type { Person, Pregnancy } from '../../../../protocol/index.ts';
import { t } from '../../../i18n/index.ts';
import { recordBirth } from '../../../storage/index.ts';
import { ChoiceField, TextField } from '../../components/Field.tsx';
import { todayIsoDate } from '../../format.ts';
import { FormBanner, SaveButton } from '../../forms/FormParts.tsx';
import { useForm } from '../../forms/use-form.ts';

interface BirthDraft {
  name: string;
  sex: '' | 'male' | 'female';
  birthDate: string;
  weight: string;
}

/** A birth: the baby joins the mother's family, linked to her, and her pregnancy is closed. */
export function BirthForm({ mother, pregnancy }: { mother: Person; pregnancy: Pregnancy | undefined }) {
  const form = useForm<BirthDraft>({
    draftKey: `birth-${mother.id}`,
    initial: () => ({ name: '', sex: '', birthDate: todayIsoDate(), weight: '' }),
    dirty: (draft) => draft.name !== '' || draft.sex !== '' || draft.weight !== '',
    // The repository names the baby's fields under `child.`; the form shows them by their own name.
    fieldErrors: (errors) => Object.fromEntries(Object.entries(errors).map(([path, m]) => [path.split('.').at(-1), m])),
  });
  const { draft, errors, update } = form;
  // A birth half typed before a reload opens the fold, so the kader sees it waiting; decided once.
  const [startOpen] = useState(draft.name !== '' || draft.sex !== '' || draft.weight !== '');

  const save = async (event: Event) => {
    event.preventDefault();
    const weightKg = draft.weight.trim() ? Number(draft.weight.replace(',', '.')) : undefined;
    if (weightKg !== undefined && !Number.isFinite(weightKg)) {
      form.refuse({ weight: t('numberInvalid') });
      return;
    }
    await form.submit(
      () =>
        recordBirth({
          motherId: mother.id,
          ...(pregnancy ? { pregnancy } : {}),
          child: { name: draft.name, sex: (draft.sex || undefined) as 'male' | 'female', birthDate: draft.birthDate },
          ...(weightKg !== undefined ? { birthWeightKg: weightKg } : {}),
        }),
      { next: (baby) => `/warga/${baby.id}` },
    );
  };

  return (
    <details class="card" open={startOpen}>
      <summary>
        <strong>{t('birthTitle')}</strong>
      </summary>
      <form onSubmit={(e) => void save(e)} noValidate data-testid="birth-form">
        <FormBanner banner={form.banner} />
        <TextField
          label={t('birthName')}
          name="babyName"
          value={draft.name}
          onInput={(name) => update({ name })}
          error={errors.name}
        />
        <ChoiceField
          label={t('sex')}
          name="babySex"
          value={draft.sex}
          options={[
            { value: 'female', label: t('female') },
            { value: 'male', label: t('male') },
          ]}
          onChange={(sex) => update({ sex })}
          error={errors.sex}
        />
        <TextField
          label={t('birthDate')}
          name="babyBirthDate"
          type="date"
          value={draft.birthDate}
          onInput={(birthDate) => update({ birthDate })}
          error={errors.birthDate}
        />
        <TextField
          label={`${t('birthWeight')} ${t('optional')}`}
          name="birthWeight"
          decimal
          value={draft.weight}
          onInput={(weight) => update({ weight })}
          error={errors.weight ?? errors.weightKg ?? errors.birthWeightKg}
        />
        <SaveButton saving={form.saving} />
      </form>
    </details>
  );
}
