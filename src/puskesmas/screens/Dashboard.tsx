import { useState } from 'preact/hooks';
import { LIST_NAMES, api, type ListScope } from '../api.ts';
import { LoadedView } from '../components.tsx';
import { listTitle } from '../list-words.ts';
import { formatDate, t } from '../strings/index.ts';
import { useLoad } from '../use-load.ts';

/** The hash of a list page: #/daftar/<list>, …/desa/<code> or …/posyandu/<id>. */
export function listHref(list: string, scope: ListScope): string {
  if (scope.kind === 'desa') return `#/daftar/${list}/desa/${scope.villageCode}`;
  if (scope.kind === 'posyandu') return `#/daftar/${list}/posyandu/${scope.id}`;
  return `#/daftar/${list}`;
}

const scopeKey = (scope: ListScope) =>
  scope.kind === 'desa' ? `desa:${scope.villageCode}` : scope.kind === 'posyandu' ? `posyandu:${scope.id}` : 'all';

/**
 * The first screen: how many people each list holds, for the whole puskesmas or one desa (a bidan desa picks
 * hers), each count a link to its list; below, the same counts per posyandu so a weak posyandu stands out.
 */
export function Dashboard({ fixed }: { fixed?: ListScope }) {
  const [chosen, setChosen] = useState<ListScope>({ kind: 'puskesmas' });
  const scope = fixed ?? chosen;
  const [loaded] = useLoad(() => api.listCounts(scope), `counts:${scopeKey(scope)}`);
  // The desa choice comes from the first, unfiltered answer, so it lists every desa she may see.
  const [all] = useLoad(() => api.listCounts({ kind: 'puskesmas' }), 'counts:all');
  const desas =
    all.state === 'ok'
      ? [
          ...new Map(
            all.value.posyandus.flatMap((p) => (p.villageCode ? [[p.villageCode, p.desa ?? p.villageCode]] : [])),
          ),
        ]
      : [];
  return (
    <section class="dashboard">
      <div class="heading">
        <h2>{t('dashboardTitle')}</h2>
        {!fixed && desas.length > 0 && (
          <label class="scope">
            <span>{t('scopeLabel')}</span>
            <select
              name="scope"
              value={scope.kind === 'desa' ? scope.villageCode : ''}
              onChange={(e) => {
                const code = (e.currentTarget as HTMLSelectElement).value;
                setChosen(code ? { kind: 'desa', villageCode: code } : { kind: 'puskesmas' });
              }}
            >
              <option value="">{t('scopeAll')}</option>
              {desas.map(([code, name]) => (
                <option key={code} value={code}>
                  {t('scopeDesaOption', { desa: name })}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <LoadedView loaded={loaded}>
        {(answer) => (
          <>
            {answer.tables === 'missing' && (
              <p class="error" role="alert">
                {t('listTablesMissing')}
              </p>
            )}
            <ul class="list-cards">
              {LIST_NAMES.map((list) => (
                <li key={list} data-list={list}>
                  <a href={listHref(list, scope)}>
                    <strong class={answer.counts[list] > 0 ? 'count busy' : 'count'}>{answer.counts[list]}</strong>
                    <span>{listTitle(list)}</span>
                  </a>
                </li>
              ))}
            </ul>
            <p class="muted">{t('dashboardAsOf', { date: formatDate(answer.asOf) })}</p>
            {answer.refreshing && <p class="muted">{t('dashboardRefreshing')}</p>}
            {!fixed && answer.posyandus.length > 1 && (
              <div class="table-scroll">
                <table class="list counts">
                  <thead>
                    <tr>
                      <th>{t('colPosyandu')}</th>
                      <th>{t('colDesa')}</th>
                      {LIST_NAMES.map((list) => (
                        <th key={list} class="num" title={listTitle(list)}>
                          {listTitle(list).split(' (')[0]}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {answer.posyandus.map((p) => (
                      <tr key={p.id}>
                        <td>
                          <a href={`#/posyandu/${p.id}`}>{p.name}</a>
                        </td>
                        <td>{p.desa ?? ''}</td>
                        {LIST_NAMES.map((list) => (
                          <td key={list} class="num">
                            <a href={listHref(list, { kind: 'posyandu', id: p.id })}>{p.counts[list]}</a>
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </LoadedView>
    </section>
  );
}
