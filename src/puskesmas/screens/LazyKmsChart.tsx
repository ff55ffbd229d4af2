import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../strings/index.ts';
import type { StaffKmsChartProps } from './StaffKmsChart.tsx';

let chart: Promise<ComponentType<StaffKmsChartProps>> | null = null;

/** The KMS chart's chunk (WHO tables parser, zod, the SVG plot) loads on the first child's record only. */
export function LazyKmsChart(props: StaffKmsChartProps) {
  const [Chart, setChart] = useState<ComponentType<StaffKmsChartProps> | null>(null);
  useEffect(() => {
    let live = true;
    chart ??= import('./StaffKmsChart.tsx').then((m) => m.default);
    void chart.then((loaded) => live && setChart(() => loaded));
    return () => {
      live = false;
    };
  }, []);
  return Chart ? <Chart {...props} /> : <p class="muted">{t('chartLoading')}</p>;
}
