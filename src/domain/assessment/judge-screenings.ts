import { BUKU_KIA_DANGER_SIGNS } from '../schedules/pregnancy-rules.ts';
import { BARTHEL_RULES, PUMA_RULES, scoreSrq20, SRQ20_RULES } from '../screening/questionnaires.ts';
import type { Judgement, PersonRecords, ScreeningRecord } from './assessment-types.ts';
import type { AssessmentRules } from './finding-rules.ts';
import { judged } from './judge-measurements.ts';
import { inForce, latest } from './person-state.ts';

/** Instrument codes as Screening.instrument stores them, grouped by the rule family that judges them. */
const FAMILIES: Readonly<Record<string, string>> = {
  srq20: 'srq20',
  tb_symptoms: 'tb',
  tb_symptoms_child: 'tb',
  puma: 'puma',
  skilas: 'skilas',
  adl_barthel: 'adl_barthel',
  development_kia: 'development',
};

/** The finding code of a questionnaire result, as the screening rule's actions name it: "tb:presumptive_tb". */
export function screeningFindingCode(instrument: string, result: string): string | undefined {
  const family = FAMILIES[instrument];
  return family ? `${family}:${result}` : undefined;
}

/**
 * The result of a screening under today's rules: stored answers are scored again where the rule changed
 * (SRQ-20 item 17, PUMA 6 or 7, Barthel bands), so an old record is judged as a new one would be.
 */
function resultOf(screening: ScreeningRecord): string | undefined {
  const family = FAMILIES[screening.instrument];
  if (family === 'srq20') {
    const answers = Array.from({ length: SRQ20_RULES.items }, (_, i) => screening.answers[`q${i + 1}`] === true);
    return scoreSrq20(answers).result;
  }
  if (family === 'puma' && screening.score !== undefined) {
    return screening.score >= PUMA_RULES.referFromScore ? 'suspected_copd' : 'negative';
  }
  if (family === 'adl_barthel' && screening.score !== undefined) {
    const score = screening.score;
    return BARTHEL_RULES.bands.find((band) => score >= band.from)?.result;
  }
  return screening.result;
}

export function judgeScreenings(records: PersonRecords, rules: AssessmentRules): Judgement[] {
  const out: Judgement[] = [];
  const screenings = inForce(records.screenings);
  const families = new Set(screenings.map((s) => FAMILIES[s.instrument]).filter((f) => f !== undefined));
  for (const family of families) {
    const last = latest(screenings, (s) => FAMILIES[s.instrument] === family);
    const result = last && resultOf(last);
    if (!last || !result) continue;
    out.push(
      judged(rules.screening, `${family}:${result}`, last.date, last.score !== undefined ? { value: last.score } : {}),
    );
  }

  const visit = latest(inForce(records.visits), (v) => (v.dangerSigns?.length ?? 0) > 0);
  if (visit?.dangerSigns) {
    const signs = BUKU_KIA_DANGER_SIGNS.signs.filter((sign) => visit.dangerSigns?.includes(sign.code));
    for (const context of new Set(signs.map((sign) => sign.context))) {
      const count = signs.filter((sign) => sign.context === context).length;
      out.push(judged(rules.dangerSigns, context, visit.date, { value: count }));
    }
  }
  return out;
}
