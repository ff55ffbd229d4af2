// Draws the app icons (a white health cross on teal, with a scale pan) as PNGs with plain Node, so no image tool
// is needed. Run once when the design changes: `npx tsx scripts/make-icons.ts`; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const TEAL = [15, 118, 110] as const;
const WHITE = [255, 255, 255] as const;

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** `safeZone` shrinks the drawing so a maskable icon survives any launcher mask (inner 80 %). */
function drawIcon(size: number, safeZone: number): Buffer {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  const centre = size / 2;
  const arm = size * 0.11 * safeZone;
  const reach = size * 0.3 * safeZone;
  const radius = size * 0.47;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const dx = x + 0.5 - centre;
      const dy = y + 0.5 - centre;
      const inCross = (Math.abs(dx) <= arm && Math.abs(dy) <= reach) || (Math.abs(dy) <= arm && Math.abs(dx) <= reach);
      const inDisc = safeZone < 1 || dx * dx + dy * dy <= radius * radius;
      const colour = inDisc ? (inCross ? WHITE : TEAL) : WHITE;
      raw.set(colour, y * (size * 3 + 1) + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

writeFileSync('public/icons/icon-192.png', drawIcon(192, 1));
writeFileSync('public/icons/icon-512.png', drawIcon(512, 1));
writeFileSync('public/icons/icon-maskable-512.png', drawIcon(512, 0.8));
writeFileSync('public/icons/apple-touch-icon-180.png', drawIcon(180, 0.8));
