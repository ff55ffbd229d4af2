// `npm run -s admin -- <command>`: what a puskesmas needs to enroll phones. Exactly one JSON line on stdout.
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { openStore } from './db/open-store.ts';
import type { Store } from './db/store.ts';
import {
  areaFromVillageCode,
  createDevice,
  createPosyandu,
  createPuskesmas,
  revokeDevice,
} from './services/devices.ts';
import { RecoveryError, revealRecoveryCode } from './services/device-recovery.ts';
import { createEnrollmentCode } from './services/enrollment-codes.ts';
import { loadOrCreateRecoveryKey, readRecoveryKey, recoveryKeyPath } from './services/recovery-key.ts';
import { StaffInputError, createStaff } from './services/staff-accounts.ts';
import { generatePassword } from './services/staff-passwords.ts';

const USAGE = `Pemakaian:
  npm run -s admin -- create-puskesmas --name "<nama>"
      -> {"puskesmasId":"..."}
  npm run -s admin -- create-posyandu --name "<nama>" [--puskesmas <id>] [--desa-name "<nama desa>" --village-code <10 angka>]
      -> {"posyanduId":"..."}   kode desa Kemendagri: HP kader tidak perlu mengetiknya
  npm run -s admin -- create-enrollment --posyandu <id> --kader "<nama kader>" [--hours 24]
      -> {"enrollmentCode":"XXXX-XXXX-XXXX-XXXX","expiresAt":"..."}
      kode sekali pakai: HP menukarnya (dengan sinyal) dengan token miliknya sendiri
  npm run -s admin -- revoke-device --device <id>
      -> {"deviceId":"...","revoked":true}   token perangkat itu tidak berlaku lagi
  npm run -s admin -- create-recovery-key
      -> {"keyId":"...","created":true|false,"file":"..."}   kunci pemulihan PIN puskesmas (dibuat sekali, di DATA_DIR)
  npm run -s admin -- recover-device --device <id> [--again]
      -> {"deviceId":"...","recoveryCode":"XXXX-XXXX-XXXX-XXXX"}   hanya setelah kader dicek langsung; tercatat di audit
  npm run -s admin -- history --table <tabel> --id <id rekaman>
      -> {"versions":[{"deviceId","changeId","receivedAt","op","hlc","fields","data"}, ...]}   riwayat rekaman
  npm run -s admin -- create-device --posyandu <id> --kader "<nama kader>" [--dusun "<dusun>" ...]
      -> {"deviceId":"...","token":"...","enrollmentCode":"..."}   --dusun: daftar dusun posyandu (disimpan di server)
      cara lama (kode berisi token, untuk pendaftaran tanpa sinyal): simpan kodenya seperti kata sandi
  npm run -s admin -- create-relay --posyandu <id> --name "<nama pustu>"
      -> {"deviceId":"...","token":"..."}   kredensial relay pustu: RELAY_TOKEN untuk server mode relay
  npm run -s admin -- create-staff --name "<nama>" --username <nama-pengguna> --role admin|staff|read-only
      [--puskesmas <id>] [--posyandu <id> ...] [--desa <kode desa 10 angka> ...] [--password-stdin]
      -> {"staffId":"...","username":"...","role":"...","password":"..."}
      Tanpa --password-stdin dibuat kata sandi acak yang dicetak sekali ini saja. Peran staff perlu --posyandu atau --desa.
Basis data: DATABASE_URL (PostgreSQL) atau DATA_DIR (SQLite, bawaan ./data), seperti server.`;

class UsageError extends Error {}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`--${flag} wajib diisi.`);
  return value;
}

async function run(argv: string[]): Promise<Record<string, unknown>> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      puskesmas: { type: 'string' },
      posyandu: { type: 'string', multiple: true },
      desa: { type: 'string', multiple: true },
      kader: { type: 'string' },
      device: { type: 'string' },
      hours: { type: 'string' },
      table: { type: 'string' },
      id: { type: 'string' },
      username: { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      'desa-name': { type: 'string' },
      'village-code': { type: 'string' },
      dusun: { type: 'string', multiple: true },
      again: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (!command || values.help || command === 'help') throw new UsageError('');
  const config = loadConfig();
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await store.migrate();
    switch (command) {
      case 'create-puskesmas':
        return { puskesmasId: await createPuskesmas(store, required(values.name, 'name')) };
      case 'create-posyandu': {
        const puskesmasId = values.puskesmas ?? null;
        const villageCode = values['village-code'];
        if (villageCode !== undefined && !/^\d{10}$/.test(villageCode)) {
          throw new UsageError('--village-code harus 10 angka (kode desa Kemendagri).');
        }
        const area = villageCode ? areaFromVillageCode(villageCode, values['desa-name']) : undefined;
        return { posyanduId: await createPosyandu(store, required(values.name, 'name'), puskesmasId, area) };
      }
      case 'create-device': {
        if ((values.posyandu?.length ?? 0) > 1) throw new UsageError('--posyandu hanya satu untuk create-device.');
        const device = await createDevice(store, {
          posyanduId: required(values.posyandu?.[0], 'posyandu'),
          kaderName: required(values.kader, 'kader'),
          ...(values.dusun ? { dusun: values.dusun } : {}),
        });
        return { deviceId: device.deviceId, token: device.token, enrollmentCode: device.enrollmentCode };
      }
      case 'create-relay': {
        if ((values.posyandu?.length ?? 0) > 1) throw new UsageError('--posyandu hanya satu untuk create-relay.');
        const relay = await createDevice(store, {
          posyanduId: required(values.posyandu?.[0], 'posyandu'),
          kaderName: required(values.name, 'name'),
          relay: true,
        });
        return { deviceId: relay.deviceId, token: relay.token };
      }
      case 'create-enrollment': {
        const hours = values.hours === undefined ? undefined : Number(values.hours);
        if (hours !== undefined && !Number.isFinite(hours)) throw new UsageError('--hours harus angka.');
        const code = await createEnrollmentCode(store, {
          posyanduId: required(values.posyandu?.[0], 'posyandu'),
          kaderName: required(values.kader, 'kader'),
          ttlHours: hours,
        });
        return { enrollmentCode: code.enrollmentCode, expiresAt: code.expiresAt };
      }
      case 'revoke-device': {
        const deviceId = required(values.device, 'device');
        if (!(await revokeDevice(store, deviceId))) {
          throw new Error(`Perangkat ${deviceId} tidak ditemukan atau sudah dicabut.`);
        }
        return { deviceId, revoked: true };
      }
      case 'create-recovery-key': {
        const { key, created } = await loadOrCreateRecoveryKey(config.dataDir);
        return { keyId: key.publicKey.keyId, created, file: recoveryKeyPath(config.dataDir) };
      }
      case 'recover-device': {
        const deviceId = required(values.device, 'device');
        const key = readRecoveryKey(config.dataDir);
        if (!key) throw new Error(`Belum ada kunci pemulihan di ${recoveryKeyPath(config.dataDir)}.`);
        try {
          const { recoveryCode } = await revealRecoveryCode(
            store,
            key,
            deviceId,
            { username: 'admin-cli', address: null },
            new Date(),
            values.again === true,
          );
          return { deviceId, recoveryCode };
        } catch (error) {
          if (error instanceof RecoveryError) throw new Error(error.message);
          throw error;
        }
      }
      case 'history': {
        // Every version received, oldest first, each with the device that sent it: what staff read to see who
        // changed a record and when.
        const versions = await store.listVersions(required(values.table, 'table'), required(values.id, 'id'));
        return {
          versions: versions.map((v) => ({
            deviceId: v.deviceId,
            changeId: v.changeId,
            batchId: v.batchId,
            receivedAt: v.receivedAt,
            op: v.op,
            hlc: v.hlc,
            fields: v.fields,
            data: v.data,
          })),
        };
      }
      case 'create-staff':
        return await createStaffCommand(store, values);
      default:
        throw new UsageError(`Perintah tidak dikenal: ${command}`);
    }
  } finally {
    await store.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Prompt-free, so it scripts: the password comes on stdin, or a generated one is printed once. */
async function createStaffCommand(
  store: Store,
  values: { name?: string; username?: string; role?: string; puskesmas?: string; posyandu?: string[] } & {
    desa?: string[];
    'password-stdin'?: boolean;
  },
): Promise<Record<string, string>> {
  const role = required(values.role, 'role');
  if (role !== 'admin' && role !== 'staff' && role !== 'read-only') {
    throw new UsageError('--role harus admin, staff atau read-only.');
  }
  const generated = values['password-stdin'] ? null : generatePassword();
  const password = generated ?? (await readStdin());
  try {
    const created = await createStaff(store, {
      name: required(values.name, 'name'),
      username: required(values.username, 'username'),
      role,
      password,
      posyanduIds: values.posyandu ?? [],
      desaCodes: values.desa ?? [],
      ...(values.puskesmas ? { puskesmasId: values.puskesmas } : {}),
    });
    const username = required(values.username, 'username').trim().toLowerCase();
    return { staffId: created.staffId, username, role, ...(generated ? { password: generated } : {}) };
  } catch (error) {
    if (error instanceof StaffInputError) throw new UsageError(error.message);
    throw error;
  }
}

run(process.argv.slice(2)).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      if (error.message) process.stderr.write(`${error.message}\n`);
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`Gagal: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
