import { useFormGuard } from '../form-guard.ts';
import { useDraft } from '../hooks/use-draft.ts';
import { navigate } from '../router.ts';
import { useSave, type SaveDone, type SaveOptions } from './use-save.ts';

export interface FormOptions<T> extends SaveOptions {
  /** The draft's storage key: what is typed survives a reload, the phone locking and an app update. */
  draftKey: string;
  initial: () => T;
  /** Unsaved input that an app update must not reload over. */
  dirty: (draft: T) => boolean;
}

/**
 * The one form kit: the draft kept across reload and update, the guard against an update reloading over it, and
 * the save of `useSave`. On success the draft is dropped, and a form that stays on screen starts again from
 * `reset` (or its initial values).
 */
export function useForm<T>(options: FormOptions<T>) {
  const [draft, setDraft, clearDraft] = useDraft<T>(options.draftKey, options.initial, options.dirty);
  useFormGuard(options.dirty(draft));
  const save = useSave(options);

  const submit = <R>(write: () => Promise<R>, done: SaveDone<R> & { reset?: T } = {}) =>
    save.run(write, {
      ...done,
      then: (value) => {
        clearDraft();
        if (done.next === undefined) setDraft(done.reset ?? options.initial());
        done.then?.(value);
      },
    });

  return {
    ...save,
    draft,
    setDraft: (next: T) => {
      save.clearEcho();
      setDraft(next);
    },
    update: (patch: Partial<T>) => {
      save.clearEcho();
      setDraft({ ...draft, ...patch });
    },
    submit,
    /** Saves an edit and goes to `next`; an edit that changes nothing writes nothing and just leaves. */
    submitEdit: async (patch: object, write: () => Promise<unknown>, next: string) => {
      if (Object.keys(patch).length === 0) {
        clearDraft();
        navigate(next);
        return;
      }
      await submit(write, { next });
    },
    /** Leaves without saving (Batal, or nothing was changed): the draft goes, nothing else. */
    discard: clearDraft,
  };
}
