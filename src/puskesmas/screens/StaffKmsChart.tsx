import { useEffect, useState } from 'preact/hooks';
import { adoptKmsChartStyles } from '../../charts/kms-chart-style.ts';
import type { ChildMeasurement } from '../../domain/growth/child-measurement.ts';
import { type TablesResult, parseGrowthTables } from '../../domain/growth/who-tables.ts';
import { t } from '../strings/index.ts';
import { StaffGrowthCharts } from './StaffGrowthCharts.tsx';

let loading: Promise<TablesResult> | null = null;
/** The same file the phones precache (/growth/who-tables.json), fetched once when a child's record first opens. */
function loadTables(): Promise<TablesResult> {
  loading ??= fetch('/growth/who-tables.json')
    .then((response) => (response.ok ? response.json() : null))
    .then((json: unknown) => parseGrowthTables(json))
    .catch(() => parseGrowthTables(null));
  return loading;
}

export interface StaffKmsChartProps {
  sex: 'male' | 'female';
  birthDate: string;
  measurements: readonly ChildMeasurement[];
}

/**
 * Loads WHO's tables for the child's charts (StaffGrowthCharts draws them). In its own chunk with the WHO parser,
 * zod and the SVG plot, loaded only when a child's record opens, so none of it weighs on the staff app's first screen.
 */
export default function StaffKmsChart({ sex, birthDate, measurements }: StaffKmsChartProps) {
  const [tables, setTables] = useState<TablesResult | undefined>(undefined);
  useEffect(() => {
    adoptKmsChartStyles();
    let live = true;
    void loadTables().then((result) => live && setTables(result));
    return () => {
      live = false;
    };
  }, []);
  if (!tables) return <p class="muted">{t('chartLoading')}</p>;
  return <StaffGrowthCharts tables={tables} sex={sex} birthDate={birthDate} measurements={measurements} />;
}
