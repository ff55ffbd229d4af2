import { RELATIONS } from '../../../protocol/code-lists.ts';
import { t } from '../../i18n/index.ts';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { CheckboxField, ChoiceField, SelectField, TextField } from '../components/Field.tsx';
import { todayIsoDate } from '../format.ts';
import type { MemberDraft } from './household-draft.ts';
import { asksKiaBook } from './kia-book.ts';

interface MemberFieldsProps {
  index: number;
  member: MemberDraft;
  /** Women of the household who could be this member's mother. */
  mothers: ReadonlyArray<{ key: string; name: string }>;
  errors: Record<string, string>;
  onChange: (member: MemberDraft) => void;
  onRemove?: (() => void) | undefined;
  /** The fieldset's title; a form of one person names them instead of "Anggota 1". */
  legend?: string | undefined;
  /** The name's label: the head of family's row asks for "Nama kepala keluarga", typed only here. */
  nameLabel?: string | undefined;
}

export function MemberFields({
  index,
  member,
  mothers,
  errors,
  onChange,
  onRemove,
  legend,
  nameLabel,
}: MemberFieldsProps) {
  const set = <K extends keyof MemberDraft>(field: K, value: MemberDraft[K]) => onChange({ ...member, [field]: value });
  const error = (field: string) => errors[`members.${index}.${field}`];
  const extraError = Boolean(error('nik') ?? error('phone'));
  return (
    <fieldset data-testid={`member-${index}`}>
      <legend>{legend ?? t('memberNumber', { n: index + 1 })}</legend>
      <TextField
        label={nameLabel ?? t('personName')}
        name={`member-${index}-name`}
        value={member.name}
        onInput={(v) => set('name', v)}
        error={error('name')}
      />
      <ChoiceField
        label={t('sex')}
        name={`member-${index}-sex`}
        value={member.sex}
        options={[
          { value: 'female', label: t('female') },
          { value: 'male', label: t('male') },
        ]}
        onChange={(v) => set('sex', v)}
        error={error('sex')}
      />
      <TextField
        label={t('birthDate')}
        name={`member-${index}-birthDate`}
        type="date"
        value={member.birthDate}
        onInput={(v) => set('birthDate', v)}
        error={error('birthDate')}
      />
      {/* SKDN's K: asked of a balita only, and left unanswered until the kader taps one. */}
      {asksKiaBook(member.birthDate, todayIsoDate()) && (
        <ChoiceField
          label={t('kiaBookQuestion')}
          name={`member-${index}-kiaBook`}
          value={member.kiaBook ?? ''}
          options={[
            { value: 'yes', label: t('kiaBookYes') },
            { value: 'no', label: t('kiaBookNo') },
          ]}
          onChange={(v) => set('kiaBook', v)}
          error={error('kiaBook')}
        />
      )}
      <SelectField
        label={t('relationToHead')}
        name={`member-${index}-relation`}
        value={member.relationToHead}
        options={[{ value: '', label: '—' }, ...RELATIONS.map((r) => ({ value: r, label: t(`relation_${r}`) }))]}
        onChange={(v) => set('relationToHead', v as MemberDraft['relationToHead'])}
        error={error('relationToHead')}
      />
      {mothers.length > 0 && (
        <SelectField
          label={t('mother')}
          name={`member-${index}-mother`}
          value={member.motherKey}
          options={[{ value: '', label: t('motherNone') }, ...mothers.map((m) => ({ value: m.key, label: m.name }))]}
          onChange={(v) => set('motherKey', v)}
          error={error('motherId')}
        />
      )}
      {/* Often unknown at the door (a newborn has no NIK yet): folded, so the form stays one screen per person. */}
      <details open={member.nik !== '' || member.phone !== '' || member.jknMember || extraError}>
        <summary>{t('memberMoreDetails')}</summary>
        <TextField
          label={t('nik')}
          name={`member-${index}-nik`}
          numeric
          maxLength={16}
          value={member.nik}
          onInput={(v) => set('nik', v.replace(/\D/g, ''))}
          hint={t('nikHintNewborn')}
          error={error('nik')}
        />
        <CheckboxField
          label={t('jknMember')}
          name={`member-${index}-jkn`}
          checked={member.jknMember}
          onChange={(checked) => set('jknMember', checked)}
        />
        <TextField
          label={`${t('phone')} ${t('optional')}`}
          name={`member-${index}-phone`}
          type="tel"
          value={member.phone}
          onInput={(v) => set('phone', v.replace(/[^\d+]/g, ''))}
          error={error('phone')}
        />
      </details>
      {onRemove && (
        <ConfirmButton
          label={t('memberRemove')}
          question={t('confirmRemoveMember', { name: member.name.trim() || t('thisMember') })}
          confirmLabel={t('confirmRemoveMemberYes')}
          onConfirm={onRemove}
          variant="danger"
        />
      )}
    </fieldset>
  );
}
