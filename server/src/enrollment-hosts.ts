import { isIP } from 'node:net';

const ANY_ADDRESS = new Set(['0.0.0.0', '::', '']);

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

/**
 * The host names the start message may put in an enrollment link: only those the server really listens on. Bound
 * to every address, that is localhost and each LAN address; bound to loopback, only localhost (a LAN link would
 * reach nothing); bound to one address, that address.
 */
export function enrollmentHosts(bindHost: string, lanAddresses: readonly string[]): string[] {
  if (ANY_ADDRESS.has(bindHost)) return ['localhost', ...lanAddresses];
  if (isLoopback(bindHost)) return ['localhost'];
  return [isIP(bindHost) === 6 ? `[${bindHost}]` : bindHost];
}
