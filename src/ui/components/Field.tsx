import type { ComponentChildren } from 'preact';

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: ComponentChildren;
}

/** A labelled input with its Indonesian error right under it, where the kader is looking. */
export function Field({ label, error, hint, children }: FieldProps) {
  return (
    <label class={error ? 'field invalid' : 'field'}>
      <span>{label}</span>
      {children}
      {hint && <small class="hint">{hint}</small>}
      {error && (
        <small class="error" role="alert">
          {error}
        </small>
      )}
    </label>
  );
}

interface TextFieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  name?: string;
  type?: 'text' | 'date' | 'tel';
  /** Digits-only fields (NIK, KK, RT) get the phone's number pad. */
  numeric?: boolean;
  decimal?: boolean;
  maxLength?: number;
  placeholder?: string;
}

export function TextField(props: TextFieldProps) {
  const inputMode = props.decimal ? 'decimal' : props.numeric ? 'numeric' : undefined;
  return (
    <Field label={props.label} error={props.error} hint={props.hint}>
      <input
        name={props.name}
        // Preact 11 types <input> by its `type`; the three we use share every attribute set here.
        type={(props.type ?? 'text') as 'text'}
        inputMode={inputMode}
        pattern={props.numeric ? '[0-9]*' : undefined}
        maxLength={props.maxLength}
        placeholder={props.placeholder}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        onInput={(event) => props.onInput((event.currentTarget as HTMLInputElement).value)}
      />
    </Field>
  );
}

interface ChoiceFieldProps<T extends string> {
  label: string;
  name: string;
  value: T | '';
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T) => void;
  error?: string | undefined;
}

/**
 * Two to four choices as big radio buttons: one tap, no dropdown to aim at. A fieldset and legend, not a label:
 * a label around the group made a tap on the question's text pick its first answer.
 */
export function ChoiceField<T extends string>(props: ChoiceFieldProps<T>) {
  return (
    <fieldset class={props.error ? 'field choice-field invalid' : 'field choice-field'}>
      <legend>{props.label}</legend>
      <div class="choice-row">
        {props.options.map((option) => (
          <label key={option.value}>
            <input
              type="radio"
              name={props.name}
              value={option.value}
              checked={props.value === option.value}
              onChange={() => props.onChange(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
      {props.error && (
        <small class="error" role="alert">
          {props.error}
        </small>
      )}
    </fieldset>
  );
}

interface SelectFieldProps {
  label: string;
  name: string;
  value: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  onChange: (value: string) => void;
  error?: string | undefined;
}

export function SelectField(props: SelectFieldProps) {
  return (
    <Field label={props.label} error={props.error}>
      <select
        name={props.name}
        value={props.value}
        onChange={(event) => props.onChange((event.currentTarget as HTMLSelectElement).value)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  name?: string;
}

/** A yes/no with its whole label as the touch target: a thumb does not have to hit a small box. */
export function CheckboxField({ label, checked, onChange, name }: CheckboxFieldProps) {
  return (
    <label class="field check-field">
      <input
        type="checkbox"
        name={name}
        checked={checked}
        onChange={(event) => onChange((event.currentTarget as HTMLInputElement).checked)}
      />
      {label}
    </label>
  );
}
