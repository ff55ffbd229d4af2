/**
 * Named points where the server process dies on purpose, as a power cut or `kill -9` would, so the crash tests
 * hit the exact moment they claim to (before the commit, after it, before the answer leaves) instead of racing a
 * timer. Armed only by POSYANDU_FAILPOINT in the environment of a server a test started; unset, each call is one
 * string comparison.
 */
export type Failpoint = 'push:before-commit' | 'push:after-commit' | 'push:before-response';

const armed = process.env.POSYANDU_FAILPOINT ?? '';

export function failpoint(name: Failpoint): void {
  if (armed === name) process.kill(process.pid, 'SIGKILL');
}
