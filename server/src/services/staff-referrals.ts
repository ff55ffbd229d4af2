import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  DateOnlySchema,
  REFERRAL_OUTCOMES,
  ReferralSchema,
  formatHlc,
  type Referral,
} from '../../../protocol/index.ts';
import type { Store } from '../db/store.ts';
import { uuidV7 } from '../seed/uuid-v7.ts';
import { audit } from './staff-audit.ts';
import { auditActor } from './staff-posyandus.ts';
import { StaffAccessError, visiblePosyandu } from './staff-scope.ts';
import type { StaffActor } from './staff-sessions.ts';

/**
 * Records the puskesmas writes itself carry this device id: no phone has it, so every phone pulls them (a pull
 * skips only the puller's own records).
 */
export const PUSKESMAS_DEVICE_ID = '00000000-0000-4000-8000-00000000c0de';

export const OutcomeInputSchema = z.object({
  outcome: z.enum(REFERRAL_OUTCOMES),
  date: DateOnlySchema,
  notes: z.string().trim().max(400).default(''),
});

export type OutcomeInput = z.input<typeof OutcomeInputSchema>;

/** The sentence the kader reads on the person's page (the phone shows `result`; older phones ignore `outcome`). */
const OUTCOME_WORDS: Record<Referral['outcome'] & string, string> = {
  arrived: 'Sudah datang ke puskesmas',
  examined: 'Sudah diperiksa di puskesmas',
  treated: 'Sudah ditangani di puskesmas',
  referred_on: 'Dirujuk lanjut',
  did_not_come: 'Tidak datang ke puskesmas',
};

/**
 * The puskesmas's answer to a kader's referral, as a `referrals` record with `resultFor`: the phones already
 * close a referral's follow-up task on such a record, so the answer reaches the kader through the ordinary pull
 * feed. A later answer (arrived, then treated) supersedes the earlier one.
 */
export async function recordReferralOutcome(
  store: Store,
  actor: StaffActor,
  referralId: string,
  input: z.output<typeof OutcomeInputSchema>,
  address: string,
  now: Date,
): Promise<{ outcomeId: string; record: Referral }> {
  const stored = await store.getRecord('referrals', referralId);
  const referral = stored && !stored.deleted ? ReferralSchema.safeParse(stored.data).data : undefined;
  if (!stored || !referral || referral.resultFor) throw new StaffAccessError('not-found', 'Rujukan tidak ditemukan.');
  await visiblePosyandu(store, actor, stored.posyanduId, true);

  const earlier = (await store.listPersonEvents(stored.posyanduId, referral.personId))
    .filter((r) => r.table === 'referrals' && r.data.resultFor === referralId)
    .map((r) => r.data as Referral);
  const replaced = new Set(earlier.flatMap((r) => (r.supersedes ? [r.supersedes] : [])));
  const latest = earlier
    .filter((r) => !replaced.has(r.id))
    .sort((a, b) => a.hlc.localeCompare(b.hlc))
    .at(-1);

  const id = uuidV7(now.getTime());
  const hlc = formatHlc({ wallMs: now.getTime(), counter: 0, node: 'puskesmas' });
  const words = OUTCOME_WORDS[input.outcome];
  const record = ReferralSchema.parse({
    id,
    posyanduId: stored.posyanduId,
    recordedBy: { kaderId: `staff:${actor.staff.id}`, deviceId: PUSKESMAS_DEVICE_ID },
    recordedAt: now.toISOString(),
    hlc,
    personId: referral.personId,
    ...(latest ? { supersedes: latest.id } : {}),
    date: input.date,
    reason: referral.reason,
    urgency: referral.urgency,
    destination: referral.destination,
    resultFor: referralId,
    result: input.notes ? `${words}: ${input.notes}` : words,
    outcome: input.outcome,
    authoredBy: { staffId: actor.staff.id, name: actor.staff.name },
  });

  // The same bookkeeping as a phone's batch: the posyandu's next seq (so pulls see it), and a version row.
  await store.transaction(async (tx) => {
    const seq = (await tx.lockPosyandu(stored.posyanduId)) + 1;
    await tx.saveRecords([
      { table: 'referrals', id, posyanduId: stored.posyanduId, seq, hlc, deleted: false, data: record, fieldHlc: {} },
    ]);
    await tx.insertVersions([
      {
        table: 'referrals',
        recordId: id,
        posyanduId: stored.posyanduId,
        deviceId: PUSKESMAS_DEVICE_ID,
        changeId: randomUUID(),
        batchId: `staff:${actor.staff.id}`,
        op: 'upsert',
        hlc,
        data: record,
        fields: null,
        receivedAt: now.toISOString(),
      },
    ]);
    await tx.setPosyanduSeq(stored.posyanduId, seq);
  });
  await audit(store, auditActor(actor, address), `referral-${input.outcome}`, `referral:${referralId}`, now);
  return { outcomeId: id, record };
}
