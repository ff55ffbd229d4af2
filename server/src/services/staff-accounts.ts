import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { STAFF_ROLES, type StaffRole } from '../db/staff-store.ts';
import type { Store } from '../db/store.ts';
import { MIN_PASSWORD_LENGTH, hashPassword } from './staff-passwords.ts';

export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, { error: 'Nama pengguna 3-40 huruf kecil, angka, titik, garis bawah atau strip.' });

const NewStaffSchema = z.object({
  name: z.string().trim().min(1).max(100),
  username: UsernameSchema,
  role: z.enum(STAFF_ROLES),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, { error: `Kata sandi minimal ${MIN_PASSWORD_LENGTH} huruf.` })
    .max(200),
  puskesmasId: z.string().min(1).optional(),
  posyanduIds: z.array(z.string().min(1)).default([]),
  /** Kemendagri village codes (10 digits): a bidan desa sees every posyandu of her desa. */
  desaCodes: z.array(z.string().regex(/^\d{10}$/, { error: 'Kode desa Kemendagri 10 angka.' })).default([]),
});

export type NewStaff = z.input<typeof NewStaffSchema>;

export class StaffInputError extends Error {}

/**
 * Creates a staff account. Without a puskesmas the only one in the database is taken, so the first admin of a
 * fresh install needs no id. A `staff` account needs at least one posyandu of that puskesmas.
 */
export async function createStaff(
  store: Store,
  input: NewStaff,
  now: Date = new Date(),
): Promise<{ staffId: string; puskesmasId: string; role: StaffRole }> {
  const parsed = NewStaffSchema.safeParse(input);
  if (!parsed.success) throw new StaffInputError(parsed.error.issues.map((i) => i.message).join('; '));
  const data = parsed.data;
  const puskesmasId = data.puskesmasId ?? (await onlyPuskesmas(store));
  if (!(await store.listPuskesmas()).some((p) => p.id === puskesmasId)) {
    throw new StaffInputError(`Puskesmas ${puskesmasId} tidak ditemukan.`);
  }
  if (data.role === 'staff' && data.posyanduIds.length === 0 && data.desaCodes.length === 0) {
    throw new StaffInputError('Akun peran staff perlu --posyandu atau --desa (boleh lebih dari satu).');
  }
  for (const posyanduId of data.posyanduIds) {
    const posyandu = await store.getPosyandu(posyanduId);
    if (posyandu?.puskesmasId !== puskesmasId) {
      throw new StaffInputError(`Posyandu ${posyanduId} bukan milik puskesmas ini.`);
    }
  }
  if (await store.findStaffByUsername(data.username)) {
    throw new StaffInputError(`Nama pengguna ${data.username} sudah dipakai.`);
  }
  const staffId = randomUUID();
  await store.createStaff(
    {
      id: staffId,
      puskesmasId,
      name: data.name,
      username: data.username,
      role: data.role,
      passwordHash: await hashPassword(data.password),
      createdAt: now.toISOString(),
    },
    data.role === 'staff' ? data.posyanduIds : [],
  );
  if (data.role === 'staff') await store.assignStaffDesas(staffId, data.desaCodes);
  return { staffId, puskesmasId, role: data.role };
}

async function onlyPuskesmas(store: Store): Promise<string> {
  const all = await store.listPuskesmas();
  const [first] = all;
  if (all.length === 1 && first) return first.id;
  if (all.length === 0) throw new StaffInputError('Belum ada puskesmas. Buat dulu: create-puskesmas --name "...".');
  throw new StaffInputError(`Ada ${all.length} puskesmas; sebutkan yang mana dengan --puskesmas <id>.`);
}
