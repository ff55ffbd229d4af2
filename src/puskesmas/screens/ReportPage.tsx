import { SkdnBars } from '../../charts/SkdnBars.tsx';
import { AGE_BANDS, MONTHLY_FIGURES, SKDN_FIGURES } from '../../domain/reports/index.ts';
import { useState } from 'preact/hooks';
import { api, type Me } from '../api.ts';
import { LoadedView } from '../components.tsx';
import { downloads, reportApi, type ReportChoice, type StaffReport } from '../report-api.ts';
import { staffLocale, t, type StaffStringKey } from '../strings/index.ts';
import { useLoad } from '../use-load.ts';

const numberFormat = () =>
  new Intl.NumberFormat(staffLocale() === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 });

function monthName(month: string): string {
  return new Date(`${month}-01T00:00:00`).toLocaleDateString(staffLocale() === 'id' ? 'id-ID' : 'en-GB', {
    month: 'long',
    year: 'numeric',
  });
}

/** The month before this one: the report a puskesmas asks for in the first days of a month. */
function lastMonth(today = new Date()): string {
  const d = new Date(today.getFullYear(), today.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

const encode = (c: ReportChoice) =>
  c.kind === 'puskesmas' ? 'puskesmas' : c.kind === 'desa' ? `desa:${c.desa}` : `posyandu:${c.id}`;
function decode(value: string): ReportChoice {
  if (value.startsWith('desa:')) return { kind: 'desa', desa: value.slice(5) };
  if (value.startsWith('posyandu:')) return { kind: 'posyandu', id: value.slice(9) };
  return { kind: 'puskesmas' };
}

const figureKey = (id: string) => `repFig_${id}` as StaffStringKey;

function Counts({ title, counts }: { title: string; counts: Readonly<Record<string, number>> }) {
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div class="card report-block">
      <h3>{title}</h3>
      {entries.length === 0 ? (
        <p class="muted">{t('repNone')}</p>
      ) : (
        <table class="list">
          <tbody>
            {entries.map(([code, n]) => (
              <tr key={code}>
                <td>{code}</td>
                <td class="num">{numberFormat().format(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function ReportView({ answer }: { answer: StaffReport }) {
  const { skdn, figures } = answer.report;
  const n = numberFormat();
  const scope =
    answer.scope.kind === 'puskesmas'
      ? t('repScopePuskesmas')
      : answer.scope.kind === 'desa'
        ? t('repScopeDesa', { name: answer.scope.label })
        : answer.scope.label;
  const percent = (ratio: number | null) =>
    ratio === null ? t('repNoRatio') : t('repPercent', { value: n.format(Math.round(ratio * 1000) / 10) });
  return (
    <article class="report" aria-live="polite">
      <h2>{t('repHeading', { scope, month: monthName(answer.month) })}</h2>
      <p class="muted">{t('repPosyanduCount', { n: answer.scope.posyandus.length })}</p>
      {!answer.growthTables && <p class="error">{t('repTablesMissing')}</p>}
      {answer.growthTables && skdn.bgmUnknown > 0 && <p class="muted">{t('repBgmUnknown', { n: skdn.bgmUnknown })}</p>}
      <div class="card report-block">
        <SkdnBars skdn={skdn} label={t('repSkdnLabel', { ...skdn.total })} />
        <table class="list">
          <thead>
            <tr>
              <th>{t('repRatios')}</th>
              <th class="num">K/S</th>
              <th class="num">D/S</th>
              <th class="num">N/D</th>
              <th class="num">N/S</th>
              <th class="num">D/K</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td />
              {[skdn.ratios.KS, skdn.ratios.DS, skdn.ratios.ND, skdn.ratios.NS, skdn.ratios.DK].map((r, i) => (
                <td key={i} class="num">
                  {percent(r)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <div class="card report-block">
        <h3>{t('repSkdnTable')}</h3>
        <table class="list" data-testid="skdn-table">
          <thead>
            <tr>
              <th>{t('repGroup')}</th>
              {SKDN_FIGURES.map((f) => (
                <th key={f} class="num">
                  {f}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(['male', 'female'] as const).flatMap((sex) =>
              AGE_BANDS.map((band) => (
                <tr key={`${sex}-${band}`}>
                  <td>
                    {t(sex === 'male' ? 'repMale' : 'repFemale')}, {t('repAgeBand', { band })}
                  </td>
                  {SKDN_FIGURES.map((f) => (
                    <td key={f} class="num">
                      {n.format(skdn.bySexAndBand[sex][band][f])}
                    </td>
                  ))}
                </tr>
              )),
            )}
            <tr class="total">
              <th>{t('repTotal')}</th>
              {SKDN_FIGURES.map((f) => (
                <td key={f} class="num" data-figure={f}>
                  {n.format(skdn.total[f])}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <div class="card report-block">
        <h3>{t('repOther')}</h3>
        <table class="list">
          <tbody>
            {MONTHLY_FIGURES.map((f) => (
              <tr key={f.id}>
                <td>{t(figureKey(f.id))}</td>
                <td class="num">{n.format(figures[f.id] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Counts title={t('repImmunizations')} counts={answer.report.immunizationsByVaccine} />
      <Counts title={t('repContacts')} counts={answer.report.contacts} />
      <Counts title={t('repElderly')} counts={answer.report.elderlyDependence} />
      <Counts title={t('repReferrals')} counts={answer.report.referralOutcomes} />
    </article>
  );
}

function Downloads({ choice, month }: { choice: ReportChoice; month: string }) {
  const link = (href: string, label: string) => (
    <a class="button" href={href} download>
      {label}
    </a>
  );
  return (
    <div class="actions report-controls" aria-label={t('repDownloads')}>
      {link(downloads.report(choice, month, 'csv'), t('repCsv'))}
      {link(downloads.report(choice, month, 'xlsx'), t('repXlsx'))}
      {choice.kind === 'posyandu' ? (
        <>
          {link(downloads.byName(choice.id, 'anthropometry', month, 'csv'), t('repAnthroCsv'))}
          {link(downloads.byName(choice.id, 'anthropometry', month, 'xlsx'), t('repAnthroXlsx'))}
          {link(downloads.byName(choice.id, 'immunizations', month, 'csv'), t('repImmunizationCsv'))}
          {link(downloads.byName(choice.id, 'immunizations', month, 'xlsx'), t('repImmunizationXlsx'))}
          {link(downloads.fhir(choice.id, month), t('repFhir'))}
        </>
      ) : (
        <p class="muted">{t('repByNameHint')}</p>
      )}
    </div>
  );
}

/** The staff's monthly report: any month, a posyandu, a desa or the puskesmas; prints on A4 (staff.css). */
export function ReportPage({ me }: { me: Me }) {
  const [month, setMonth] = useState(lastMonth);
  const [chosen, setChoice] = useState<ReportChoice | null>(null);
  const [list] = useLoad(() => api.posyandus(), 'posyandus');
  const posyandus = list.state === 'ok' ? list.value.posyandus : [];
  // A desa's or the puskesmas's total is only for accounts that see all of it; a bidan sees her posyandu's.
  const wholeArea = me.staff.role !== 'staff';
  const first = posyandus[0];
  const choice: ReportChoice | null =
    chosen ?? (wholeArea ? { kind: 'puskesmas' } : first ? { kind: 'posyandu', id: first.id } : null);
  const [report] = useLoad(
    () => (choice ? reportApi.monthly(choice, month) : new Promise<never>(() => undefined)),
    choice ? `${encode(choice)}@${month}` : 'waiting',
  );
  const desas = [...new Set(posyandus.flatMap((p) => (p.desa ? [p.desa] : [])))].sort((a, b) =>
    a.localeCompare(b, 'id'),
  );
  return (
    <section>
      <a href="#/" class="report-controls">
        {t('back')}
      </a>
      <h2 class="report-controls">{t('repTitle')}</h2>
      <div class="card report-controls report-choice">
        <label class="field">
          <span>{t('repMonth')}</span>
          <input
            type="month"
            name="month"
            value={month}
            required
            onChange={(e) => {
              const value = (e.currentTarget as HTMLInputElement).value;
              if (/^\d{4}-\d{2}$/.test(value)) setMonth(value);
            }}
          />
        </label>
        <label class="field">
          <span>{t('repScope')}</span>
          <select
            name="scope"
            value={choice ? encode(choice) : ''}
            onChange={(e) => setChoice(decode((e.currentTarget as HTMLSelectElement).value))}
          >
            {wholeArea && <option value="puskesmas">{t('repScopePuskesmas')}</option>}
            {(wholeArea ? desas : []).map((d) => (
              <option key={d} value={`desa:${d}`}>
                {t('repScopeDesa', { name: d })}
              </option>
            ))}
            {posyandus.map((p) => (
              <option key={p.id} value={`posyandu:${p.id}`}>
                {t('repScopePosyandu', { name: p.name })}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="primary" onClick={() => print()}>
          {t('repPrint')}
        </button>
      </div>
      {choice && <Downloads choice={choice} month={month} />}
      <LoadedView loaded={report}>{(answer) => <ReportView answer={answer} />}</LoadedView>
    </section>
  );
}
