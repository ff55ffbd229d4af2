import { api } from '../api.ts';
import { LoadedView } from '../components.tsx';
import { formatDate, t } from '../strings/index.ts';
import { useLoad } from '../use-load.ts';

export function PersonsTab({ posyanduId }: { posyanduId: string }) {
  const [loaded] = useLoad(() => api.persons(posyanduId), `persons:${posyanduId}`);
  return (
    <LoadedView loaded={loaded}>
      {({ persons }) =>
        persons.length === 0 ? (
          <p class="muted">{t('personsNone')}</p>
        ) : (
          <table class="list">
            <thead>
              <tr>
                <th>{t('colName')}</th>
                <th>{t('colSex')}</th>
                <th>{t('colBirthDate')}</th>
              </tr>
            </thead>
            <tbody>
              {persons.map((p) => (
                <tr key={p.id}>
                  <td>
                    <a href={`#/warga/${p.id}`}>{p.name}</a>
                  </td>
                  <td>{p.sex === 'male' ? t('male') : t('female')}</td>
                  <td>{formatDate(p.birthDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </LoadedView>
  );
}
