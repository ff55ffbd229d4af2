import type { Hono } from 'hono';
import { z } from 'zod';
import type { Store } from '../db/store.ts';
import { LIST_NAMES } from '../services/staff-list-rows.ts';
import { type ListScope, listCountsForStaff, listForStaff } from '../services/staff-lists.ts';
import type { StaffVariables } from './staff-auth.ts';
import { staffError, zodMessage } from './staff-errors.ts';

const ScopeQuerySchema = z
  .object({
    posyandu: z.string().min(1).max(64).optional(),
    desa: z
      .string()
      .regex(/^\d{10}$/, { error: 'Kode desa Kemendagri 10 angka.' })
      .optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .refine((q) => !(q.posyandu && q.desa), { error: 'Pilih posyandu atau desa, tidak keduanya.' });

const ListNameSchema = z.enum(LIST_NAMES, { error: 'Daftar tidak dikenal.' });

function scopeOf(query: { posyandu?: string | undefined; desa?: string | undefined }): ListScope {
  if (query.posyandu) return { kind: 'posyandu', id: query.posyandu };
  if (query.desa) return { kind: 'desa', villageCode: query.desa };
  return { kind: 'puskesmas' };
}

/**
 * `/api/staff/lists` (how many each list holds, the dashboard) and `/api/staff/lists/:list` (its rows), for the
 * whole puskesmas, `?desa=<village code>` or `?posyandu=<id>`.
 */
export function registerListRoutes(
  app: Hono<{ Variables: StaffVariables }>,
  deps: { store: Store; now: () => Date; growthTablesFile: string },
): void {
  app.get('/lists', async (c) => {
    const query = ScopeQuerySchema.safeParse(c.req.query());
    if (!query.success) return staffError(c, 400, 'invalid-request', zodMessage(query.error));
    const counts = await listCountsForStaff(
      deps.store,
      c.get('actor'),
      scopeOf(query.data),
      deps.growthTablesFile,
      deps.now(),
    );
    return c.json(counts);
  });

  app.get('/lists/:list', async (c) => {
    const list = ListNameSchema.safeParse(c.req.param('list'));
    if (!list.success) return staffError(c, 404, 'not-found', zodMessage(list.error));
    const query = ScopeQuerySchema.safeParse(c.req.query());
    if (!query.success) return staffError(c, 400, 'invalid-request', zodMessage(query.error));
    const { store, growthTablesFile } = deps;
    const answer = await listForStaff(
      store,
      c.get('actor'),
      list.data,
      scopeOf(query.data),
      query.data.limit,
      growthTablesFile,
      deps.now(),
    );
    return c.json(answer);
  });
}
