/**
 * Record ids made on the phone: UUID version 7 (RFC 9562). The first 48 bits are the millisecond time, so ids
 * sort by creation; within one millisecond a 12-bit counter (seeded randomly each millisecond) keeps them
 * strictly increasing, and the other 62 bits are random so two phones never collide.
 */
let lastMs = -1;
let counter = 0;

export function newRecordId(nowMs: number = Date.now()): string {
  let ms = Math.max(nowMs, lastMs);
  if (ms === lastMs) {
    counter += 1;
    if (counter > 0xfff) {
      // 4096 ids in one millisecond: borrow the next millisecond rather than lose the order.
      ms += 1;
      counter = randomCounterSeed();
    }
  } else {
    counter = randomCounterSeed();
  }
  lastMs = ms;

  const random = new Uint8Array(8);
  crypto.getRandomValues(random);
  const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');
  const timeHex = hex(ms, 12);
  const variantByte = ((random[0] as number) & 0x3f) | 0x80;
  const tail = [variantByte, ...random.slice(1)].map((b) => hex(b, 2)).join('');
  return `${timeHex.slice(0, 8)}-${timeHex.slice(8, 12)}-7${hex(counter, 3)}-${tail.slice(0, 4)}-${tail.slice(4, 16)}`;
}

/** Seeds below 0x800 leave at least 2048 increments before the counter overflows. */
function randomCounterSeed(): number {
  const bytes = new Uint8Array(2);
  crypto.getRandomValues(bytes);
  return (((bytes[0] as number) << 8) | (bytes[1] as number)) & 0x7ff;
}
