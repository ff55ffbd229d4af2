import type { Person } from '../../../../protocol/index.ts';
import { measurementZScores, weightForAgeZ, type GrowthTables } from '../../../domain/growth/index.ts';
import { monthlyReport, type MonthlyReport, type ReportPerson } from '../../../domain/reports/index.ts';
import type { PosyanduSnapshot } from '../day/posyandu-snapshot.ts';

/**
 * The kader's own posyandu report for a month, from the records on her phone (offline): the same pure report the
 * puskesmas computes. BGM needs WHO's tables; without them the screen says BGM is unknown.
 */
export function kaderReport(
  snapshot: PosyanduSnapshot,
  month: string,
  growth: GrowthTables | undefined,
): MonthlyReport {
  const persons: ReportPerson[] = snapshot.people.map((p: Person) => ({
    id: p.id,
    sex: p.sex,
    birthDate: p.birthDate,
    status: p.status,
    statusDate: p.statusDate,
  }));
  const byId = snapshot.byId;
  return monthlyReport(
    { ...snapshot.flat, persons, referrals: snapshot.referrals },
    month,
    growth
      ? {
          weightForAgeZ: (person, weighing) => {
            const sex = byId.get(person.id)?.sex ?? person.sex;
            return weightForAgeZ(measurementZScores(sex, person.birthDate, weighing, growth));
          },
        }
      : {},
  );
}

/** 'YYYY-MM' of a local date. */
export function monthOfDate(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}
