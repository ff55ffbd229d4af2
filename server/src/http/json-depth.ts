/**
 * True when brackets nest deeper than `maxDepth` anywhere in JSON text, counting only outside strings. One linear
 * pass with a counter, so it is safe on any input and runs before JSON.parse and the schemas, whose recursion a
 * body of a few thousand nested brackets could otherwise exhaust.
 */
export function jsonNestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b || code === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (code === 0x7d || code === 0x5d) {
      depth--;
    }
  }
  return false;
}
