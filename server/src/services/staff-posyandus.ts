import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { PosyanduSummary } from '../db/staff-store.ts';
import type { Store } from '../db/store.ts';
import { audit } from './staff-audit.ts';
import { StaffAccessError, canCreatePosyandu, canSee } from './staff-scope.ts';
import type { StaffActor } from './staff-sessions.ts';

const digits = (n: number) => z.string().regex(new RegExp(`^\\d{${n}}$`), { error: `harus ${n} angka` });

/** Kemendagri codes nest: a village's 10 digits start with its district's 6, its regency's 4, its province's 2. */
export const NewPosyanduSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    desa: z.string().trim().min(1).max(100),
    provinceCode: digits(2),
    regencyCode: digits(4),
    districtCode: digits(6),
    villageCode: digits(10),
  })
  .superRefine((p, ctx) => {
    if (!p.regencyCode.startsWith(p.provinceCode)) {
      ctx.addIssue({ code: 'custom', path: ['regencyCode'], message: 'kode kabupaten/kota tidak di provinsi ini' });
    }
    if (!p.districtCode.startsWith(p.regencyCode)) {
      ctx.addIssue({ code: 'custom', path: ['districtCode'], message: 'kode kecamatan tidak di kabupaten/kota ini' });
    }
    if (!p.villageCode.startsWith(p.districtCode)) {
      ctx.addIssue({ code: 'custom', path: ['villageCode'], message: 'kode desa tidak di kecamatan ini' });
    }
  });

export type NewPosyandu = z.infer<typeof NewPosyanduSchema>;

export async function listPosyandus(store: Store, actor: StaffActor): Promise<PosyanduSummary[]> {
  const all = await store.listPosyanduSummaries(actor.staff.puskesmasId);
  return all.filter((p) => canSee(actor, p));
}

export async function createPosyanduForStaff(
  store: Store,
  actor: StaffActor,
  input: NewPosyandu,
  address: string,
  now: Date,
): Promise<{ posyanduId: string }> {
  if (!canCreatePosyandu(actor)) {
    throw new StaffAccessError('forbidden', 'Hanya admin puskesmas yang dapat membuat posyandu.');
  }
  const id = randomUUID();
  const { name, ...area } = input;
  await store.createPosyandu({ id, name, puskesmasId: actor.staff.puskesmasId, area });
  await audit(store, auditActor(actor, address), 'create-posyandu', `posyandu:${id}`, now);
  return { posyanduId: id };
}

export function auditActor(actor: StaffActor, address: string) {
  return { staffId: actor.staff.id, username: actor.staff.username, address };
}
