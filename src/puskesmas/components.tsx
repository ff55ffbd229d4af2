import type { ComponentChildren } from 'preact';
import type { ApiError } from './api.ts';
import { t } from './strings/index.ts';
import type { Loaded } from './use-load.ts';

export function errorText(error: ApiError): string {
  if (error.status === 0) return t('networkFailed');
  if (error.status === 401) return t('sessionEnded');
  if (error.status === 403) return t('forbidden');
  return t('somethingFailed', { message: error.message });
}

/** Loading, failure and success of one request, said the same way on every screen. */
export function LoadedView<T>({ loaded, children }: { loaded: Loaded<T>; children: (value: T) => ComponentChildren }) {
  if (loaded.state === 'loading') return <p class="muted">{t('loading')}</p>;
  if (loaded.state === 'failed') {
    return (
      <p class="error" role="alert">
        {errorText(loaded.error)}
      </p>
    );
  }
  return <>{children(loaded.value)}</>;
}

export function Field(props: {
  label: string;
  name: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'password';
  inputMode?: 'numeric' | 'text';
  autoComplete?: string;
}) {
  const common = {
    name: props.name,
    value: props.value,
    autoComplete: props.autoComplete,
    required: true,
    onInput: (e: Event) => props.onInput((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <label class="field">
      <span>{props.label}</span>
      {props.type === 'password' ? (
        <input type="password" {...common} />
      ) : (
        <input type="text" inputMode={props.inputMode} {...common} />
      )}
    </label>
  );
}
