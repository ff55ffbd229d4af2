import { api, type StoredRecordView } from '../api.ts';
import { LoadedView } from '../components.tsx';
import { formatDate, t } from '../strings/index.ts';
import { useLoad } from '../use-load.ts';

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** One line per event: the measured values, the vaccine, the referral's reason; the raw kind otherwise. */
function summary(record: StoredRecordView): string {
  const d = record.data;
  const parts: string[] = [];
  if (d.weightKg !== undefined) parts.push(`BB ${text(d.weightKg)} kg`);
  if (d.lengthHeightCm !== undefined) parts.push(`PB/TB ${text(d.lengthHeightCm)} cm`);
  if (d.muacCm !== undefined) parts.push(`LiLA ${text(d.muacCm)} cm`);
  if (d.vaccine !== undefined) parts.push(text(d.vaccine));
  if (d.service !== undefined) parts.push(text(d.service));
  if (d.reason !== undefined) parts.push(text(d.reason));
  if (d.result !== undefined) parts.push(text(d.result));
  return parts.join(' · ');
}

export function PersonRecord({ personId }: { personId: string }) {
  const [loaded] = useLoad(() => api.person(personId), `person:${personId}`);
  return (
    <section>
      <a href="#/" onClick={(e) => (history.length > 1 ? (e.preventDefault(), history.back()) : undefined)}>
        {t('back')}
      </a>
      <LoadedView loaded={loaded}>
        {(record) => {
          const p = record.person.data;
          const events = [...record.events].sort((a, b) => text(b.data.date).localeCompare(text(a.data.date)));
          return (
            <>
              <h2 class="person-name">{text(p.name)}</h2>
              <p>
                {p.sex === 'male' ? t('male') : t('female')} · {formatDate(text(p.birthDate))}
                {record.household ? ` · ${t('household')}: ${text(record.household.data.headName)}` : ''}
              </p>
              <h3>{t('events')}</h3>
              {events.length === 0 ? (
                <p class="muted">{t('eventsNone')}</p>
              ) : (
                <ul class="events">
                  {events.map((e) => (
                    <li key={e.id} data-table={e.table}>
                      <strong>{formatDate(text(e.data.date))}</strong> {e.table}: {summary(e)}
                    </li>
                  ))}
                </ul>
              )}
              <h3>{t('versions')}</h3>
              <ul class="history">
                {record.history.map((v, i) => (
                  <li key={i}>
                    {t('versionLine', {
                      when: formatDate(v.receivedAt),
                      what: v.fields ? t('versionFields', { fields: v.fields.join(', ') }) : t('versionCreated'),
                    })}
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </LoadedView>
    </section>
  );
}
