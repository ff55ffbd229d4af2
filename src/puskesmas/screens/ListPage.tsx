import { api, type ListName, type ListScope } from '../api.ts';
import { LoadedView } from '../components.tsx';
import { listTitle, reasonText } from '../list-words.ts';
import { formatDate, t } from '../strings/index.ts';
import { useLoad } from '../use-load.ts';

/**
 * One work list over a scope, the most urgent first. Each name opens the person's record (history, KMS chart);
 * the server has already judged every row with the phone's rules, so this screen only says it in words.
 */
export function ListPage({ list, scope }: { list: ListName; scope: ListScope }) {
  const key = `${list}:${scope.kind}:${scope.kind === 'desa' ? scope.villageCode : scope.kind === 'posyandu' ? scope.id : ''}`;
  const [loaded] = useLoad(() => api.list(list, scope), key);
  return (
    <section>
      <a href={scope.kind === 'posyandu' ? `#/posyandu/${scope.id}` : '#/'}>{t('back')}</a>
      <h2>{listTitle(list)}</h2>
      <LoadedView loaded={loaded}>
        {(answer) => (
          <>
            {answer.tables === 'missing' && list === 'children' && (
              <p class="error" role="alert">
                {t('listTablesMissing')}
              </p>
            )}
            {answer.rows.length === 0 ? (
              <p class="muted">{t('listNone')}</p>
            ) : (
              <div class="table-scroll">
                <table class="list work-list" data-list={list}>
                  <thead>
                    <tr>
                      <th>{t('colName')}</th>
                      <th>{t('colSex')}</th>
                      <th>{t('colBirthDate')}</th>
                      <th>{t('colPosyandu')}</th>
                      <th>{t('colWhy')}</th>
                      <th>{t('colSince')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {answer.rows.map((row) => (
                      <tr key={`${row.personId}:${row.referral?.id ?? ''}`} data-person-id={row.personId}>
                        <td>
                          <a href={`#/warga/${row.personId}`}>{row.name}</a>
                        </td>
                        <td>{row.sex === 'male' ? t('male') : t('female')}</td>
                        <td>{formatDate(row.birthDate)}</td>
                        <td>
                          {row.posyanduName}
                          {row.desa ? <small> · {row.desa}</small> : null}
                        </td>
                        <td>
                          {row.reasons.map((r) => (
                            <span key={r.code} class={r.urgent ? 'flag urgent' : 'flag'}>
                              {reasonText(r)}
                            </span>
                          ))}
                          {row.referral ? <small> {row.referral.reason}</small> : null}
                        </td>
                        <td>{formatDate(row.reasons.map((r) => r.date).sort()[0] ?? null)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {answer.total > answer.rows.length && (
              <p class="muted">{t('listShowing', { shown: answer.rows.length, total: answer.total })}</p>
            )}
          </>
        )}
      </LoadedView>
    </section>
  );
}
