import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { PosyanduArea, PosyanduSummary } from '../db/staff-store.ts';
import type { PosyanduRow, Store } from '../db/store.ts';
import { audit } from './staff-audit.ts';
import { StaffAccessError, canCreatePosyandu, canSee, visiblePosyandu } from './staff-scope.ts';
import type { StaffActor } from './staff-sessions.ts';

const digits = (n: number) => z.string().regex(new RegExp(`^\\d{${n}}$`), { error: `harus ${n} angka` });

const posyanduFields = {
  name: z.string().trim().min(1, { error: 'nama posyandu wajib diisi' }).max(100, { error: 'paling banyak 100 huruf' }),
  desa: z.string().trim().min(1, { error: 'nama desa wajib diisi' }).max(100, { error: 'paling banyak 100 huruf' }),
  provinceCode: digits(2),
  regencyCode: digits(4),
  districtCode: digits(6),
  villageCode: digits(10),
};

/** Kemendagri codes nest: a village's 10 digits start with its district's 6, its regency's 4, its province's 2. */
function codesNest(
  p: { provinceCode: string; regencyCode: string; districtCode: string; villageCode: string },
  ctx: z.RefinementCtx,
) {
  if (!p.regencyCode.startsWith(p.provinceCode)) {
    ctx.addIssue({ code: 'custom', path: ['regencyCode'], message: 'kode kabupaten/kota tidak di provinsi ini' });
  }
  if (!p.districtCode.startsWith(p.regencyCode)) {
    ctx.addIssue({ code: 'custom', path: ['districtCode'], message: 'kode kecamatan tidak di kabupaten/kota ini' });
  }
  if (!p.villageCode.startsWith(p.districtCode)) {
    ctx.addIssue({ code: 'custom', path: ['villageCode'], message: 'kode desa tidak di kecamatan ini' });
  }
}

export const NewPosyanduSchema = z.object(posyanduFields).superRefine(codesNest);

/**
 * The dusun of the desa, as staff type them: trimmed, spaces collapsed, each named once (case aside), at most 50
 * (what an enrollment area carries, protocol/enrollment.ts).
 */
export const DusunListSchema = z
  .array(
    z
      .string()
      .transform((d) => d.trim().replace(/\s+/g, ' '))
      .pipe(
        z.string().min(1, { error: 'nama dusun kosong' }).max(100, { error: 'nama dusun paling banyak 100 huruf' }),
      ),
    { error: 'daftar dusun harus berupa daftar nama' },
  )
  .max(50, { error: 'paling banyak 50 dusun' })
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((d, i) => {
      const key = d.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i], message: `dusun "${d}" tertulis dua kali` });
      seen.add(key);
    });
  });

/** A correction of a posyandu by an admin: every field given again, the dusun list included. */
export const PosyanduEditSchema = z.object({ ...posyanduFields, dusun: DusunListSchema }).superRefine(codesNest);
export type PosyanduEdit = z.infer<typeof PosyanduEditSchema>;

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

/** The posyandu as its edit form shows it: name, desa and codes, and the dusun list. */
export interface PosyanduDetail extends PosyanduArea {
  id: string;
  name: string;
  dusun: string[];
}

export async function posyanduForStaff(store: Store, actor: StaffActor, id: string): Promise<PosyanduDetail> {
  const row = await visiblePosyandu(store, actor, id, false);
  return detailOf(row);
}

/**
 * An admin corrects a posyandu's name, desa or Kemendagri codes, or its dusun: one write, audited with the fields
 * that changed. Phones of the posyandu receive it on their next pull (`posyandu` in the pull answer).
 */
export async function editPosyanduForStaff(
  store: Store,
  actor: StaffActor,
  id: string,
  input: PosyanduEdit,
  address: string,
  now: Date,
): Promise<PosyanduDetail> {
  const row = await visiblePosyandu(store, actor, id, true);
  if (!canCreatePosyandu(actor)) {
    throw new StaffAccessError('forbidden', 'Hanya admin puskesmas yang dapat mengubah posyandu.');
  }
  const { name, dusun, ...area } = input;
  return saveChange(store, actor, row, { name, area, dusun }, address, now);
}

/** The dusun list alone: staff who may change the posyandu (admin, or the bidan assigned to it) keep it. */
export async function setDusunForStaff(
  store: Store,
  actor: StaffActor,
  id: string,
  dusun: readonly string[],
  address: string,
  now: Date,
): Promise<PosyanduDetail> {
  const row = await visiblePosyandu(store, actor, id, true);
  const current = detailOf(row);
  const { id: _id, name, dusun: _old, ...area } = current;
  return saveChange(store, actor, row, { name, area, dusun: [...dusun] }, address, now);
}

async function saveChange(
  store: Store,
  actor: StaffActor,
  row: PosyanduRow,
  next: { name: string; area: PosyanduArea; dusun: string[] },
  address: string,
  now: Date,
): Promise<PosyanduDetail> {
  const before = detailOf(row);
  const after: PosyanduDetail = { id: row.id, name: next.name, ...next.area, dusun: next.dusun };
  const changed = (Object.keys(after) as (keyof PosyanduDetail)[]).filter(
    (key) => JSON.stringify(after[key]) !== JSON.stringify(before[key]),
  );
  if (changed.length === 0) return before;
  await store.updatePosyandu(row.id, next);
  await audit(store, auditActor(actor, address), `edit-posyandu:${changed.join(',')}`, `posyandu:${row.id}`, now);
  return after;
}

function detailOf(row: PosyanduRow): PosyanduDetail {
  const area = row.area ?? { desa: null, provinceCode: null, regencyCode: null, districtCode: null, villageCode: null };
  return { id: row.id, name: row.name, ...area, dusun: row.dusun ?? [] };
}

export function auditActor(actor: StaffActor, address: string) {
  return { staffId: actor.staff.id, username: actor.staff.username, address };
}
