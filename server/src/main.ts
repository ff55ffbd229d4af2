// `npm start`: build the app when needed, open the database, create demo data on the first start, serve.
import { fileURLToPath } from 'node:url';
import { ensureAppBuilt } from './build-app.ts';
import { loadConfig } from './config.ts';
import { DEFAULT_STATIC_DIR, startServer } from './start-server.ts';

const ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));

async function main(): Promise<void> {
  const config = loadConfig();
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
  });
  const port = new URL(server.url).port;
  console.log(`Basis data: ${server.store.dialect === 'postgres' ? 'PostgreSQL' : `SQLite di ${config.dataDir}`}`);
  if (server.demo) {
    const { device } = server.demo;
    console.log('');
    console.log('Data demo dibuat: Puskesmas Sukamaju (demo), Posyandu Melati (demo), perangkat "Kader Demo".');
    console.log('Buka aplikasi dan daftarkan perangkat dengan alamat ini (atau jadikan kode QR):');
    console.log(`  http://localhost:${port}/#/daftar/${device.enrollmentCode}`);
    console.log('Atau ketik kode pendaftaran ini di layar "Daftarkan perangkat":');
    console.log(`  ${device.enrollmentCode}`);
    console.log('Kode ini hanya ditampilkan sekali. Perangkat lain: npm run -s admin -- create-device --help');
    console.log('');
  }
  console.log(`listening on ${server.url}`);

  let stopping = false;
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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
