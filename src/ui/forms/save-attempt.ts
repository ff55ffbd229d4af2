import { describeValidation } from '../../../protocol/validation-messages.ts';
import { getLocale, t } from '../../i18n/index.ts';
import { ValidationError } from '../../storage/index.ts';

export type Attempt<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/**
 * Runs a repository write and turns its refusal into messages by field path, in the kader's language; anything
 * else (storage full, a bug) becomes one `form` message, and the form keeps what was typed.
 */
export async function attemptSave<T>(write: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await write() };
  } catch (error) {
    if (error instanceof ValidationError) {
      const errors: Record<string, string> = {};
      for (const issue of error.issues) errors[issue.path] ??= describeValidation(issue.key, getLocale());
      return { ok: false, errors };
    }
    return { ok: false, errors: { form: t('saveFailed') } };
  }
}
