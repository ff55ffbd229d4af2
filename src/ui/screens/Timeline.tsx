import { t } from '../../i18n/index.ts';
import { formatDate } from '../format.ts';

export interface TimelineEntry {
  table: string;
  record: { id: string; date?: string; recordedAt: string } & Record<string, unknown>;
}

/** Everything recorded for a person, newest first, one plain line each. */
export function Timeline({ events }: { events: ReadonlyArray<TimelineEntry> }) {
  if (events.length === 0) return <p class="muted">{t('timelineEmpty')}</p>;
  return (
    <ul class="list" data-testid="timeline">
      {events.map(({ table, record }) => (
        <li key={record.id}>
          <div class="row">
            <span>{summarise(table, record)}</span>
            <span class="muted">{formatDate(record.date ?? record.recordedAt)}</span>
          </div>
        </li>
      ))}
    </ul>
  );
}

function summarise(table: string, record: Record<string, unknown>): string {
  switch (table) {
    case 'measurements':
      return [
        record.weightKg !== undefined ? `BB ${String(record.weightKg)} kg` : '',
        record.lengthHeightCm !== undefined ? `TB/PB ${String(record.lengthHeightCm)} cm` : '',
        record.systolicMmHg !== undefined ? `TD ${String(record.systolicMmHg)}/${String(record.diastolicMmHg)}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'immunizations':
      return `Imunisasi ${String(record.vaccine).toUpperCase()}`;
    case 'services':
      return `Layanan: ${String(record.service)}`;
    case 'visits':
      return `Kunjungan ${String(record.contactCode ?? record.kind)}`;
    case 'pregnancies':
      return `Kehamilan, HPL ${formatDate(String(record.estimatedDueDate))}`;
    case 'referrals':
      return `Rujukan: ${String(record.reason)}`;
    case 'screenings':
      return `Skrining ${String(record.instrument)}${record.result ? `: ${String(record.result)}` : ''}`;
    default:
      return table;
  }
}
