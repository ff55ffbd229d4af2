import type { Person, Referral } from '../../../protocol/index.ts';
import type { ListRow } from './staff-list-rows.ts';

/**
 * The open-referrals rows of one resident: each of her referrals that no later record replaces (`supersedes`)
 * or answers (`resultFor`). A correction and a result name the same person as the referral they refer to (the
 * phone copies it, staff-referrals.ts copies it), so one person's records are enough to judge hers.
 */
export function openReferralRows(person: Person, referrals: readonly Referral[]): ListRow[] {
  const replaced = new Set(referrals.flatMap((r) => (r.supersedes ? [r.supersedes] : [])));
  const current = referrals.filter((r) => !replaced.has(r.id));
  const answered = new Set(current.flatMap((r) => (r.resultFor ? [r.resultFor] : [])));
  return current.flatMap((r) => {
    if (r.resultFor || answered.has(r.id)) return [];
    return [
      {
        list: 'referrals' as const,
        personId: person.id,
        name: person.name,
        sex: person.sex,
        birthDate: person.birthDate,
        reasons: [{ code: `referral:${r.urgency}`, date: r.date, urgent: r.urgency === 'urgent' }],
        referral: { id: r.id, reason: r.reason, destination: r.destination },
      },
    ];
  });
}
