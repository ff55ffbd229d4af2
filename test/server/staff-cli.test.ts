import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/src/start-server.ts';
import { StaffClient } from './support/staff-client.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('the first admin', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-staff-cli-'));
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function admin(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', 'server/src/admin-cli.ts', ...args],
        { cwd: ROOT, env },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin?.end(stdin ?? '');
    });
  }

  // Five node processes with tsx's loader: on a loaded 2-core machine that takes longer than the default 30 s.
  it('the first start says how to create it; create-staff prints a one-time password or takes one on stdin', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: ROOT,
      env: { ...env, PORT: '0', SKIP_APP_BUILD: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (/^listening on /m.test(output)) resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
      });
    } finally {
      child.kill('SIGTERM');
    }
    expect(output).toContain('npm run -s admin -- create-staff --name "Nama Anda" --username admin --role admin');
    expect(output).toMatch(/\/puskesmas\//);

    // A fresh database has no puskesmas (demo data only when asked): the message names that step first.
    expect(output).toContain('npm run -s admin -- create-puskesmas --name');
    expect((await admin(['create-puskesmas', '--name', 'Puskesmas Sukamaju'])).code).toBe(0);
    const generated = await admin(['create-staff', '--name', 'Bu Ani', '--username', 'ani', '--role', 'admin']);
    expect(generated.code).toBe(0);
    const lines = generated.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const first = JSON.parse(lines[0] ?? '') as { username: string; role: string; password: string };
    expect(first).toMatchObject({ username: 'ani', role: 'admin' });
    expect(first.password).toMatch(/^[A-Za-z0-9]{16}$/);

    const piped = await admin(
      ['create-staff', '--name', 'Bu Rina', '--username', 'rina', '--role', 'read-only', '--password-stdin'],
      'sandi-rina-panjang\n',
    );
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.stdout)).not.toHaveProperty('password');

    const again = await admin(['create-staff', '--name', 'X', '--username', 'ani', '--role', 'admin']);
    expect(again).toMatchObject({ code: 2, stdout: '' });
    expect(again.stderr).toContain('sudah dipakai');
    const scopedWithout = await admin(['create-staff', '--name', 'X', '--username', 'yuni', '--role', 'staff']);
    expect(scopedWithout.code).toBe(2);

    const server = await startServer({ port: 0, dataDir, staticDir: null });
    try {
      expect((await new StaffClient(server.url).signIn('ani', first.password)).status).toBe(200);
      expect((await new StaffClient(server.url).signIn('rina', 'sandi-rina-panjang')).status).toBe(200);
    } finally {
      await server.close();
    }
  }, 120_000);
});
