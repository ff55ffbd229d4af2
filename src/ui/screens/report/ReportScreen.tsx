import { useEffect, useMemo, useState } from 'preact/hooks';
import { t, type StringKey } from '../../../i18n/index.ts';
import { AGE_BANDS, SKDN_FIGURES } from '../../../domain/reports/index.ts';
import { Screen } from '../../components/Screen.tsx';
import { itemLabel } from '../day/item-label.ts';
import { useGrowthTables } from '../../hooks/use-growth-tables.ts';
import { loadPosyanduSnapshot, type PosyanduSnapshot } from '../day/posyandu-snapshot.ts';
import { kaderReport, monthOfDate } from './report-data.ts';
import { SkdnChart } from './SkdnChart.tsx';

const FIGURE_LABELS: Record<string, StringKey> = {
  vitamin_a_blue: 'report_vitamin_a_blue',
  vitamin_a_red: 'report_vitamin_a_red',
  iron_persons: 'report_iron_persons',
  iron_tablets: 'report_iron_tablets',
  births: 'report_births',
  ptm_screened: 'report_ptm_screened',
  ptm_hypertension: 'report_ptm_hypertension',
  ptm_diabetes: 'report_ptm_diabetes',
  ptm_obesity: 'report_ptm_obesity',
  tb_screened: 'report_tb_screened',
  tb_presumptive: 'report_tb_presumptive',
  mental_screened: 'report_mental_screened',
  mental_refer: 'report_mental_refer',
  elderly_served: 'report_elderly_served',
  referrals_made: 'report_referrals_made',
  referrals_with_outcome: 'report_referrals_with_outcome',
  home_visits: 'report_home_visits',
};

const percent = (ratio: number | null) =>
  ratio === null ? '–' : `${(ratio * 100).toLocaleString('id-ID', { maximumFractionDigits: 1 })}%`;

/** The posyandu's monthly report from the records on this phone: works offline, prints on A4. */
export function ReportScreen() {
  const [month, setMonth] = useState(() => monthOfDate(new Date()));
  const [snapshot, setSnapshot] = useState<PosyanduSnapshot | null>(null);
  const tables = useGrowthTables();
  useEffect(() => {
    void loadPosyanduSnapshot().then(setSnapshot);
  }, []);
  const growth = tables?.ok ? tables.growthTables : undefined;
  const report = useMemo(
    () => (snapshot && tables !== undefined ? kaderReport(snapshot, month, growth) : null),
    [snapshot, month, tables, growth],
  );
  return (
    <Screen title={t('reportTitle')} backTo="/">
      <label class="field">
        <span>{t('reportMonth')}</span>
        <input
          type="month"
          name="report-month"
          value={month}
          onChange={(event) => setMonth((event.currentTarget as HTMLInputElement).value || month)}
        />
      </label>
      {!report ? (
        <p class="muted" aria-busy="true">
          {t('loading')}
        </p>
      ) : (
        <div data-testid="monthly-report">
          <section class="card">
            <h2>{t('reportSkdn')}</h2>
            <SkdnChart skdn={report.skdn} />
            <table class="report-table" data-testid="skdn-table">
              <thead>
                <tr>
                  <th>{t('reportAgeBand')}</th>
                  {SKDN_FIGURES.map((figure) => (
                    <th key={figure}>{figure}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {AGE_BANDS.map((band) => (
                  <tr key={band}>
                    <td>{t('reportBandMonths', { band })}</td>
                    {SKDN_FIGURES.map((figure) => (
                      <td key={figure}>
                        {report.skdn.bySexAndBand.male[band][figure] + report.skdn.bySexAndBand.female[band][figure]}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <th>{t('reportTotal')}</th>
                  {SKDN_FIGURES.map((figure) => (
                    <th key={figure} data-testid={`skdn-${figure}`}>
                      {report.skdn.total[figure]}
                    </th>
                  ))}
                </tr>
              </tbody>
            </table>
            <p>{t('reportRatios', { ds: percent(report.skdn.ratios.DS), nd: percent(report.skdn.ratios.ND) })}</p>
            {report.skdn.bgmUnknown > 0 && (
              <p class="muted">{t('reportBgmUnknown', { count: report.skdn.bgmUnknown })}</p>
            )}
          </section>
          <section class="card">
            <h2>{t('reportOther')}</h2>
            <table class="report-table" data-testid="report-figures">
              <tbody>
                {Object.entries(report.figures).map(([id, value]) => (
                  <tr key={id}>
                    <td>{FIGURE_LABELS[id] ? t(FIGURE_LABELS[id]) : id}</td>
                    <td data-testid={`figure-${id}`}>{value}</td>
                  </tr>
                ))}
                {Object.entries(report.immunizationsByVaccine).map(([vaccine, value]) => (
                  <tr key={vaccine}>
                    <td>{t('reportImmunization', { vaccine: itemLabel({ kind: 'immunization', code: vaccine }) })}</td>
                    <td>{value}</td>
                  </tr>
                ))}
                {Object.entries(report.contacts).map(([code, value]) => (
                  <tr key={code}>
                    <td>{t('reportContact', { code })}</td>
                    <td>{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <button type="button" class="secondary" onClick={() => print()}>
            {t('reportPrint')}
          </button>
        </div>
      )}
    </Screen>
  );
}
