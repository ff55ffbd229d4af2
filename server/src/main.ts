// `npm start`: build the app when needed, open the database, create demo data on the first start, serve.
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ensureAppBuilt } from './build-app.ts';
import { loadConfig } from './config.ts';
import { enrollmentHosts } from './enrollment-hosts.ts';
import { DEFAULT_GROWTH_TABLES_FILE } from './services/growth-tables-file.ts';
import { warmStaffLists } from './services/staff-list-warm.ts';
import { reportMonthsToWarm, warmMonthReports } from './services/reports/staff-reports.ts';
import { DEFAULT_STATIC_DIR, startServer } from './start-server.ts';

const ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.argv.slice(2));
  if (!config.skipAppBuild && !ensureAppBuilt(ROOT_DIR, (line) => console.log(line))) {
    console.warn('PERINGATAN: aplikasi gagal dibangun; server tetap melayani API. Lihat pesan Vite di atas.');
  }
  const server = await startServer({
    port: config.port,
    host: config.host,
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    staticDir: DEFAULT_STATIC_DIR,
    demoData: config.demoData,
    onUnexpectedError: (error) => console.error('Kesalahan tak terduga:', error),
    ...(config.relay ? { relay: { ...config.relay, log: (line: string) => console.error(line) } } : {}),
    ...(config.tls ? { tls: { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) } } : {}),
  });
  const { port, protocol } = new URL(server.url);
  console.log(`Basis data: ${server.store.dialect === 'postgres' ? 'PostgreSQL' : `SQLite di ${config.dataDir}`}`);
  if (config.relay) {
    console.log(`Mode relay pustu: HP posyandu dilayani di sini, data diteruskan ke ${config.relay.upstream}`);
  }
  if (server.demo) {
    const { device } = server.demo;
    console.log('');
    console.log('Data demo dibuat: Puskesmas Sukamaju (demo), Posyandu Melati (demo), perangkat "Kader Demo".');
    console.log('Buka aplikasi dan daftarkan perangkat dengan alamat ini (atau jadikan kode QR):');
    for (const host of enrollmentHosts(config.host, lanAddresses())) {
      console.log(`  ${protocol}//${host}:${port}/#/daftar/${device.enrollmentCode}`);
    }
    if (!config.tls) {
      console.log('Catatan: HP hanya bisa memakai aplikasi tanpa sinyal lewat HTTPS (atau localhost). Untuk HP kader,');
      console.log('jalankan dengan TLS_CERT_FILE dan TLS_KEY_FILE, atau di belakang proxy HTTPS.');
    }
    console.log('Atau ketik kode pendaftaran ini di layar "Daftarkan perangkat":');
    console.log(`  ${device.enrollmentCode}`);
    console.log('Kode ini hanya ditampilkan sekali. Perangkat lain: npm run -s admin -- create-device --help');
    console.log('');
  }
  if (!config.relay && !server.demo && (await server.store.countPosyandus()) === 0) {
    console.log('');
    console.log('*** Belum ada posyandu di basis data ini. ***');
    console.log('Untuk mencoba aplikasi dengan data demo: npm start -- --demo   (atau DEMO=1 npm start)');
    console.log('Untuk memakai sungguhan: npm run -s admin -- create-posyandu --help');
    console.log('');
  }
  if (config.host === '127.0.0.1' || config.host === 'localhost') {
    console.log('Hanya komputer ini yang bisa membuka server (HOST=127.0.0.1). Untuk HP kader: jalankan dengan');
    console.log('TLS_CERT_FILE dan TLS_KEY_FILE (server lalu mendengar di semua alamat), atau atur HOST.');
  }
  if (!config.relay && (await server.store.countStaff()) === 0) {
    console.log('Belum ada akun staf puskesmas. Buat admin pertama (kata sandinya dicetak sekali):');
    if ((await server.store.listPuskesmas()).length === 0) {
      console.log('  npm run -s admin -- create-puskesmas --name "Puskesmas Anda"');
    }
    console.log('  npm run -s admin -- create-staff --name "Nama Anda" --username admin --role admin');
    console.log(`lalu masuk di ${protocol}//localhost:${port}/puskesmas/`);
  }
  // The address it is bound to, as bound: the line says exactly who can reach the server.
  console.log(`listening on ${protocol}//${config.host}:${port}`);

  let stopping = false;
  // The staff lists' first screen would otherwise judge every resident on the first sign-in.
  const warmStarted = performance.now();
  warmStaffLists(
    server.store,
    DEFAULT_GROWTH_TABLES_FILE,
    () => new Date(),
    () => !stopping,
  )
    .then(
      (n) =>
        n > 0 &&
        console.log(
          `Daftar kerja staf siap: ${n} posyandu dinilai dalam ${((performance.now() - warmStarted) / 1000).toFixed(1)} s.`,
        ),
      (error: unknown) => console.error('Daftar kerja staf belum bisa disiapkan:', error),
    )
    // Then the reports staff open most (this month's and last month's), behind the lists.
    .then(() =>
      warmMonthReports(server.store, DEFAULT_GROWTH_TABLES_FILE, reportMonthsToWarm(new Date()), () => !stopping),
    )
    .catch((error: unknown) => console.error('Laporan bulanan belum bisa disiapkan:', error));
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** This machine's LAN addresses: where a phone on the same wifi (the pustu's) can reach it. */
function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((nic) => nic !== undefined && nic.family === 'IPv4' && !nic.internal)
    .map((nic) => nic?.address ?? '');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
