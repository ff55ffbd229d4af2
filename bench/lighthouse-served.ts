// What the server sends on a first load, printed beside bench:lighthouse's scores: for each text file the app's
// index.html loads (and the service worker), the encoding, Vary and bytes on the wire when the client accepts
// brotli, only gzip, or nothing; and whether /robots.txt answers as a robots file. Raw HTTP (node:http), so no
// client decompresses or rewrites a header on the way.
import { request } from 'node:http';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(url: string, acceptEncoding: string | undefined): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const ASKED = [
  ['br', 'gzip, deflate, br'],
  ['gzip', 'gzip, deflate'],
  ['none', undefined],
] as const;

/** The files a first load fetches as text: the page, its scripts and styles (from index.html), the worker. */
async function firstLoadPaths(baseUrl: string): Promise<string[]> {
  const html = (await get(`${baseUrl}/`, undefined)).body.toString('utf8');
  const linked = [...html.matchAll(/(?:src|href)="(\/[^"]+\.(?:js|mjs|css|webmanifest))"/g)].map((m) => m[1] ?? '');
  return ['/', ...new Set(linked), '/sw.js'];
}

export async function servedFiles(baseUrl: string): Promise<string[]> {
  const lines = ['served files (raw HTTP): encoding / Vary / bytes, when the client accepts br, only gzip, nothing'];
  let allCompressed = true;
  for (const path of await firstLoadPaths(baseUrl)) {
    const answers = await Promise.all(ASKED.map(([, accept]) => get(`${baseUrl}${path}`, accept)));
    const encodingOf = (answer: Answer) => String(answer.headers['content-encoding'] ?? 'identity');
    // The build compresses only files over 1 KiB (scripts/precompress-assets.ts): smaller ones go plain.
    const small = (answers[2]?.body.length ?? 0) <= 1024;
    const right = answers.every(
      (answer, i) =>
        answer.status === 200 &&
        (small
          ? encodingOf(answer) === 'identity'
          : encodingOf(answer) === (ASKED[i]?.[0] === 'none' ? 'identity' : ASKED[i]?.[0]) &&
            answer.headers.vary === 'Accept-Encoding'),
    );
    allCompressed &&= right;
    const cells = answers.map(
      (answer, i) =>
        `${ASKED[i]?.[0]}: ${answer.status} ${encodingOf(answer)}, Vary ${answer.headers.vary ?? '-'}, ${answer.body.length} B`,
    );
    lines.push(`  ${path}${small ? ' (under 1 KiB: plain by design)' : ''}  ${cells.join(' | ')}`);
  }
  lines.push(
    `  every file above precompressed (br and gzip, with Vary: Accept-Encoding): ${allCompressed ? 'yes' : 'NO'}`,
  );
  const robots = await get(`${baseUrl}/robots.txt`, undefined);
  const body = robots.body.toString('utf8');
  const isRobots =
    robots.status === 200 && /^text\/plain/.test(String(robots.headers['content-type'])) && /^User-agent:/im.test(body);
  lines.push(
    `  /robots.txt: ${robots.status} ${robots.headers['content-type'] ?? '-'}, ${JSON.stringify(body)}: ${isRobots ? 'a robots file' : 'NOT a robots file'}`,
  );
  return lines;
}
