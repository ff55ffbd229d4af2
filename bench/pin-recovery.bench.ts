// Issue 13: what PIN recovery costs the phone's PIN steps, in Node (fake-indexeddb, WebCrypto of Node) with the
// app's PBKDF2 count (600,000). Arming recovery (a recovery wrap, once) adds PBKDF2 runs to the first PIN; this
// prints medians per step and the puskesmas key's generation. Asserts nothing about time.
// Run: npx tsx bench/pin-recovery.bench.ts [--rounds 5]
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateRecoveryKey, decryptRecoveryCode } from '../server/src/services/recovery-key.ts';
import { encryptRecoveryCode, openStorage } from '../src/storage/index.ts';

const at = process.argv.indexOf('--rounds');
const ROUNDS = at > 0 ? Number(process.argv[at + 1]) : 5;
const ENROLLMENT = {
  v: 1 as const,
  deviceId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e60',
  token: 'tok_abcdefghijklmnopqrstuvwxyz0123456789',
  posyanduId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  posyanduName: 'Posyandu Melati',
  kaderId: 'kader-7',
  kaderName: 'Bu Sri',
};

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function main(): Promise<void> {
  const steps: Record<string, number[]> = {};
  const add = (step: string, ms: number) => (steps[step] ??= []).push(ms);
  const dir = mkdtempSync(join(tmpdir(), 'pin-recovery-bench-'));
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      rmSync(join(dir, 'recovery-key.pem'), { force: true });
      let key: Awaited<ReturnType<typeof loadOrCreateRecoveryKey>>['key'] | undefined;
      add(
        'puskesmas key, RSA 3072 generated',
        await timed(async () => (key = (await loadOrCreateRecoveryKey(dir)).key)),
      );
      if (!key) throw new Error('no key');
      const storage = openStorage({ name: `bench-${round}` });
      await storage.saveEnrollment(ENROLLMENT);
      add('first PIN, recovery armed (3 PBKDF2)', await timed(() => storage.setFirstPin('482915')));
      storage.lock();
      add('unlock with the PIN (1 PBKDF2)', await timed(() => storage.unlock('482915')));
      const pending = await storage.pendingRecoveryCode();
      if (!pending) throw new Error('no recovery code');
      let ciphertext = '';
      add(
        'R encrypted to the key (RSA-OAEP)',
        await timed(async () => (ciphertext = await encryptRecoveryCode(pending.code, key!.publicKey))),
      );
      let code = '';
      add('R decrypted at the puskesmas', await timed(async () => (code = decryptRecoveryCode(key!, ciphertext))));
      await storage.recoveryUploaded(pending.recoveryId);
      storage.lock();
      add('wrong recovery code (1 PBKDF2)', await timed(() => storage.checkRecoveryCode('ZZZZ-ZZZZ-ZZZZ-ZZZZ')));
      add('right recovery code checked (1 PBKDF2)', await timed(() => storage.checkRecoveryCode(code)));
      add('recovered, new PIN, new R (3 PBKDF2)', await timed(() => storage.recoverWithCode(code, '730164')));
      storage.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `PIN recovery costs, Node ${process.version}, ${ROUNDS} rounds, load average ${loadavg()[0]?.toFixed(1)}`,
  );
  for (const [step, values] of Object.entries(steps))
    console.log(`  ${step.padEnd(42)} ${median(values).toFixed(0).padStart(6)} ms`);
}

await main();
