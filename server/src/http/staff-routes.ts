import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { SignInLimiter } from '../services/staff-rate-limit.ts';
import { enrollDeviceForStaff, listDevicesForStaff, revokeDeviceForStaff } from '../services/staff-devices.ts';
import { listPersonsForStaff, personRecordForStaff } from '../services/staff-persons.ts';
import {
  DusunListSchema,
  NewPosyanduSchema,
  PosyanduEditSchema,
  createPosyanduForStaff,
  editPosyanduForStaff,
  listPosyandus,
  posyanduForStaff,
  setDusunForStaff,
} from '../services/staff-posyandus.ts';
import { OutcomeInputSchema, recordReferralOutcome } from '../services/staff-referrals.ts';
import { StaffAccessError } from '../services/staff-scope.ts';
import { workListForStaff } from '../services/staff-work-lists.ts';
import { type StaffHttpDeps, type StaffVariables, clientAddress } from './staff-auth.ts';
import { jsonBody, staffError } from './staff-errors.ts';
import { registerReportRoutes } from './staff-report-routes.ts';
import { registerListRoutes } from './staff-list-routes.ts';
import { registerSessionRoutes } from './staff-session-routes.ts';

export interface StaffApiDeps extends StaffHttpDeps {
  limiter?: SignInLimiter;
  growthTablesFile: string;
}

const EnrollSchema = z.object({ kaderName: z.string().trim().min(1).max(100) });
const DusunBodySchema = z.object({ dusun: DusunListSchema });

/** `/api/staff/...`: the puskesmas web app's API. JSON in and out, every input checked by a zod schema. */
export function staffApi(deps: StaffApiDeps): Hono<{ Variables: StaffVariables }> {
  const app = new Hono<{ Variables: StaffVariables }>();
  const { store, now } = deps;

  app.onError((error, c) => {
    if (error instanceof StaffAccessError) {
      return error.kind === 'forbidden'
        ? staffError(c, 403, 'forbidden', error.message)
        : staffError(c, 404, 'not-found', error.message);
    }
    throw error;
  });

  registerSessionRoutes(app, { ...deps, limiter: deps.limiter ?? new SignInLimiter() });

  const actor = (c: Context<{ Variables: StaffVariables }>) => c.get('actor');

  app.get('/posyandus', async (c) => c.json({ posyandus: await listPosyandus(store, actor(c)) }));

  app.post('/posyandus', async (c) => {
    const body = await jsonBody(c, NewPosyanduSchema);
    if (!body.ok) return body.response;
    return c.json(await createPosyanduForStaff(store, actor(c), body.value, clientAddress(c), now()), 201);
  });

  app.get('/posyandus/:id', async (c) =>
    c.json({ posyandu: await posyanduForStaff(store, actor(c), c.req.param('id')) }),
  );

  // A correction by an admin: name, desa, Kemendagri codes and dusun, all given again (issue 11).
  app.put('/posyandus/:id', async (c) => {
    const body = await jsonBody(c, PosyanduEditSchema);
    if (!body.ok) return body.response;
    const posyandu = await editPosyanduForStaff(
      store,
      actor(c),
      c.req.param('id'),
      body.value,
      clientAddress(c),
      now(),
    );
    return c.json({ posyandu });
  });

  // The dusun list alone, for the bidan of the posyandu as well as an admin.
  app.put('/posyandus/:id/dusun', async (c) => {
    const body = await jsonBody(c, DusunBodySchema);
    if (!body.ok) return body.response;
    const input = body.value.dusun;
    const posyandu = await setDusunForStaff(store, actor(c), c.req.param('id'), input, clientAddress(c), now());
    return c.json({ posyandu });
  });

  app.get('/posyandus/:id/devices', async (c) =>
    c.json({ devices: await listDevicesForStaff(store, actor(c), c.req.param('id')) }),
  );

  app.post('/posyandus/:id/devices', async (c) => {
    const body = await jsonBody(c, EnrollSchema);
    if (!body.ok) return body.response;
    const input = { posyanduId: c.req.param('id'), kaderName: body.value.kaderName };
    return c.json(await enrollDeviceForStaff(store, actor(c), input, clientAddress(c), now()), 201);
  });

  app.post('/devices/:id/revoke', async (c) =>
    c.json({ device: await revokeDeviceForStaff(store, actor(c), c.req.param('id'), clientAddress(c), now()) }),
  );

  app.get('/posyandus/:id/persons', async (c) =>
    c.json({ persons: await listPersonsForStaff(store, actor(c), c.req.param('id')) }),
  );

  app.get('/persons/:id', async (c) =>
    c.json(await personRecordForStaff(store, actor(c), c.req.param('id'), clientAddress(c), now())),
  );

  app.get('/posyandus/:id/work-list', async (c) =>
    c.json(await workListForStaff(store, actor(c), c.req.param('id'), deps.growthTablesFile, now())),
  );

  app.post('/referrals/:id/outcome', async (c) => {
    const body = await jsonBody(c, OutcomeInputSchema);
    if (!body.ok) return body.response;
    const answer = await recordReferralOutcome(store, actor(c), c.req.param('id'), body.value, clientAddress(c), now());
    return c.json(answer, 201);
  });

  // Reports, downloads and FHIR (issue 12): their own file.
  registerReportRoutes(app, { store, now, growthTablesFile: deps.growthTablesFile });
  // Issue 11, second slice: the lists that drive work, per puskesmas, desa and posyandu.
  registerListRoutes(app, deps);

  app.all('*', (c) => staffError(c, 404, 'not-found', 'Alamat API staf tidak dikenal.'));

  return app;
}
