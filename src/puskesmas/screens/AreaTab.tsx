import { useState } from 'preact/hooks';
import { ApiError, api, type PosyanduDetail, type StaffRole } from '../api.ts';
import { Field, LoadedView, errorText } from '../components.tsx';
import { t, type StaffStringKey } from '../strings/index.ts';
import { useLoad } from '../use-load.ts';

const CODE_FIELDS = [
  ['provinceCode', 'provinceCode'],
  ['regencyCode', 'regencyCode'],
  ['districtCode', 'districtCode'],
  ['villageCode', 'villageCode'],
] as const;

type Draft = Record<'name' | 'desa' | (typeof CODE_FIELDS)[number][0] | 'dusun', string>;

function draftOf(p: PosyanduDetail): Draft {
  return {
    name: p.name,
    desa: p.desa ?? '',
    provinceCode: p.provinceCode ?? '',
    regencyCode: p.regencyCode ?? '',
    districtCode: p.districtCode ?? '',
    villageCode: p.villageCode ?? '',
    dusun: p.dusun.join('\n'),
  };
}

const FIELD_LABELS: Record<string, StaffStringKey> = {
  name: 'posyanduName',
  desa: 'desaName',
  provinceCode: 'provinceCode',
  regencyCode: 'regencyCode',
  districtCode: 'districtCode',
  villageCode: 'villageCode',
  dusun: 'dusunTitle',
};

/** The server names a refused field by its key ("villageCode: …"): staff read the field's label instead. */
function withLabels(error: ApiError): ApiError {
  const message = error.message.replace(/\b([a-zA-Z]+)(\.\d+)?: /g, (whole, key: string) => {
    const label = FIELD_LABELS[key];
    return label ? `${t(label)}: ` : whole;
  });
  return new ApiError(error.status, error.code, message);
}

/** One dusun per line, as staff type or paste them; the server trims, collapses spaces and refuses doubles. */
function dusunOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/**
 * The posyandu's name, desa, Kemendagri codes and dusun. An admin corrects all of them; the posyandu's bidan keeps
 * the dusun list; a read-only account sees them. Phones receive a change at their next sync (the pull's posyandu).
 */
export function AreaTab({ posyanduId, role, onSaved }: { posyanduId: string; role: StaffRole; onSaved: () => void }) {
  const [loaded, reload] = useLoad(() => api.posyandu(posyanduId), `posyandu-${posyanduId}`);
  return (
    <LoadedView loaded={loaded}>
      {({ posyandu }) => (
        <AreaView
          posyandu={posyandu}
          role={role}
          onSaved={() => {
            reload();
            onSaved();
          }}
        />
      )}
    </LoadedView>
  );
}

function AreaView({ posyandu, role, onSaved }: { posyandu: PosyanduDetail; role: StaffRole; onSaved: () => void }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => draftOf(posyandu));
  const [problem, setProblem] = useState('');
  const [saved, setSaved] = useState(false);
  const set = (key: keyof Draft) => (value: string) => {
    setSaved(false);
    setDraft({ ...draft, [key]: value });
  };

  async function save(event: Event, whole: boolean) {
    event.preventDefault();
    setProblem('');
    try {
      const { dusun, ...fields } = draft;
      const answer = whole
        ? await api.editPosyandu(posyandu.id, { ...fields, dusun: dusunOf(dusun) })
        : await api.setDusun(posyandu.id, dusunOf(dusun));
      // The server's spelling (trimmed, spaces collapsed) is what the phones get: show that.
      setDraft(draftOf(answer.posyandu));
      setSaved(true);
      setEditing(false);
      onSaved();
    } catch (error) {
      setProblem(error instanceof ApiError ? errorText(withLabels(error)) : String(error));
    }
  }

  const dusunField = (
    <label class="field">
      <span>{t('dusunLabel')}</span>
      <textarea name="dusun" rows={6} value={draft.dusun} onInput={(e) => set('dusun')(e.currentTarget.value)} />
    </label>
  );
  const feedback = (
    <>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {saved && (
        <p class="muted" role="status">
          {t('areaSaved')}
        </p>
      )}
    </>
  );

  if (editing) {
    return (
      <form class="card" data-testid="posyandu-edit" onSubmit={(e) => void save(e, true)}>
        <h3>{t('areaEdit')}</h3>
        <Field label={t('posyanduName')} name="name" value={draft.name} onInput={set('name')} />
        <Field label={t('desaName')} name="desa" value={draft.desa} onInput={set('desa')} />
        {CODE_FIELDS.map(([key, label]) => (
          <Field key={key} label={t(label)} name={key} value={draft[key]} inputMode="numeric" onInput={set(key)} />
        ))}
        {dusunField}
        {feedback}
        <div class="actions">
          <button type="submit" class="primary">
            {t('areaSave')}
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(draftOf(posyandu));
              setProblem('');
              setEditing(false);
            }}
          >
            {t('cancel')}
          </button>
        </div>
      </form>
    );
  }

  return (
    <div class="card" data-testid="posyandu-area">
      <p class="muted">{t('areaIntro')}</p>
      <dl class="area-terms">
        <dt>{t('posyanduName')}</dt>
        <dd>{posyandu.name}</dd>
        <dt>{t('desaName')}</dt>
        <dd>{posyandu.desa ?? '—'}</dd>
        {posyandu.villageCode
          ? CODE_FIELDS.map(([key, label]) => [
              <dt key={`${key}-t`}>{t(label)}</dt>,
              <dd key={key}>{posyandu[key]}</dd>,
            ])
          : [<dt key="codes-t">{t('villageCode')}</dt>, <dd key="codes">{t('areaNoCodes')}</dd>]}
        <dt>{t('dusunTitle')}</dt>
        <dd>{posyandu.dusun.length === 0 ? t('dusunNone') : posyandu.dusun.join(', ')}</dd>
      </dl>
      {role === 'admin' && (
        <button type="button" onClick={() => setEditing(true)}>
          {t('areaEdit')}
        </button>
      )}
      {role === 'staff' && (
        <form onSubmit={(e) => void save(e, false)}>
          {dusunField}
          <button type="submit">{t('dusunSave')}</button>
        </form>
      )}
      {feedback}
    </div>
  );
}
