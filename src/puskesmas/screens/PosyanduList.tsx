import { useState } from 'preact/hooks';
import { ApiError, api, type Me } from '../api.ts';
import { Field, LoadedView, errorText } from '../components.tsx';
import { formatDate, t } from '../strings/index.ts';
import { useLoad } from '../use-load.ts';

const EMPTY = { name: '', desa: '', provinceCode: '', regencyCode: '', districtCode: '', villageCode: '' };
type Draft = typeof EMPTY;

function NewPosyanduForm({ onCreated, onCancel }: { onCreated: () => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problem, setProblem] = useState('');
  const field = (key: keyof Draft, label: string, numeric = false) => (
    <Field
      label={label}
      name={key}
      value={draft[key]}
      inputMode={numeric ? 'numeric' : 'text'}
      onInput={(value) => setDraft({ ...draft, [key]: value })}
    />
  );
  async function submit(event: Event) {
    event.preventDefault();
    try {
      await api.createPosyandu(draft);
      onCreated();
    } catch (error) {
      setProblem(error instanceof ApiError ? errorText(error) : String(error));
    }
  }
  return (
    <form class="card" onSubmit={(e) => void submit(e)}>
      <h2>{t('newPosyandu')}</h2>
      {field('name', t('posyanduName'))}
      {field('desa', t('desaName'))}
      {field('provinceCode', t('provinceCode'), true)}
      {field('regencyCode', t('regencyCode'), true)}
      {field('districtCode', t('districtCode'), true)}
      {field('villageCode', t('villageCode'), true)}
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary">
          {t('create')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

export function PosyanduList({ me }: { me: Me }) {
  const [loaded, reload] = useLoad(() => api.posyandus(), 'posyandus');
  const [creating, setCreating] = useState(false);
  return (
    <section>
      <div class="heading">
        <h2>{t('posyanduListTitle')}</h2>
        {me.staff.role === 'admin' && !creating && (
          <button type="button" onClick={() => setCreating(true)}>
            {t('newPosyandu')}
          </button>
        )}
      </div>
      {creating && (
        <NewPosyanduForm
          onCancel={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            reload();
          }}
        />
      )}
      <LoadedView loaded={loaded}>
        {({ posyandus }) =>
          posyandus.length === 0 ? (
            <p class="muted">{t('posyanduNone')}</p>
          ) : (
            <table class="list">
              <thead>
                <tr>
                  <th>{t('colName')}</th>
                  <th>{t('colDesa')}</th>
                  <th class="num">{t('colHouseholds')}</th>
                  <th class="num">{t('colPersons')}</th>
                  <th class="num">{t('colDevices')}</th>
                  <th>{t('colLastSync')}</th>
                </tr>
              </thead>
              <tbody>
                {posyandus.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <a href={`#/posyandu/${p.id}`}>{p.name}</a>
                    </td>
                    <td>{p.desa ?? ''}</td>
                    <td class="num">{p.households}</td>
                    <td class="num">{p.persons}</td>
                    <td class="num">{p.activeDevices}</td>
                    <td>{formatDate(p.lastSyncAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadedView>
    </section>
  );
}
