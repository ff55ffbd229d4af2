// Where a push request's wall time goes (issue 14): the page times each request from fetch() to the answer's last
// byte; this adds what the server saw of it, on the same clock (epoch ms from each side's performance.timeOrigin).
// Node's own http.server diagnostics channels give the moment the headers were parsed and the answer finished (used
// only to find the request's transaction); the request's 'end' event the moment its body was read; the transaction meter the batch's transaction. So each
// request splits into: to the server (fetch until headers parsed), the body's transfer, the route before the
// transaction (depth guard, JSON.parse, envelope, validation, the posyandu's lane), the transaction, and the answer
// (device health, the answer's JSON and its transfer, until its last byte is in the page). The answer stays one
// stretch: Node emits 'finish' from the event loop after the write, and under load the page had the last byte up to
// 60 ms before that ran (a negative "to the page"), so only the sum is a measure. No server code changes.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Span } from './page/request-meter.ts';
import type { TransactionMeter } from './server-meter.ts';

interface Seen {
  url: string;
  headers: number;
  bodyEnd: number | null;
  finish: number | null;
}

const epochNow = () => performance.timeOrigin + performance.now();

export interface ServerTimeline {
  stop(): void;
  /** The server's view of each push, matched to the page's spans (epoch ms) in the order they were sent. */
  split(pageSpans: readonly Span[], meter: TransactionMeter): PushSplit;
}

/** Milliseconds summed over the push requests, per stretch; `perRequest` keeps each request's stretches. */
export interface PushSplit {
  requests: number;
  total: Record<Stretch, number>;
  perRequest: Record<Stretch, number>[];
}

const STRETCHES = ['toServer', 'body', 'beforeTx', 'tx', 'answer'] as const;
type Stretch = (typeof STRETCHES)[number];

export function watchServerRequests(): ServerTimeline {
  const seen: Seen[] = [];
  const byResponse = new Map<ServerResponse, Seen>();
  const onStart = (message: unknown) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const entry: Seen = { url: request.url ?? '', headers: epochNow(), bodyEnd: null, finish: null };
    seen.push(entry);
    byResponse.set(response, entry);
    request.once('end', () => {
      entry.bodyEnd = epochNow();
    });
  };
  const onFinish = (message: unknown) => {
    const entry = byResponse.get((message as { response: ServerResponse }).response);
    if (entry) entry.finish = epochNow();
  };
  subscribe('http.server.request.start', onStart);
  subscribe('http.server.response.finish', onFinish);
  return {
    stop() {
      unsubscribe('http.server.request.start', onStart);
      unsubscribe('http.server.response.finish', onFinish);
    },
    split(pageSpans, meter) {
      const pushes = seen.filter((s) => s.url.startsWith('/api/v1/sync/push'));
      const pages = pageSpans.filter((s) => s.name === 'push');
      const transactions = meter.spans();
      const perRequest = pushes.flatMap((server, index) => {
        const page = pages[index];
        // The transaction that ran between this request's body and its answer (one a push, group commit aside).
        const tx = transactions.find((t) => t.start >= (server.bodyEnd ?? Infinity) && t.end <= (server.finish ?? 0));
        if (!page || server.bodyEnd === null || server.finish === null || !tx) return [];
        return [
          {
            toServer: server.headers - page.start,
            body: server.bodyEnd - server.headers,
            beforeTx: tx.start - server.bodyEnd,
            tx: tx.end - tx.start,
            answer: page.end - tx.end,
          },
        ];
      });
      const total = Object.fromEntries(
        STRETCHES.map((name) => [name, Math.round(perRequest.reduce((sum, r) => sum + r[name], 0) * 10) / 10]),
      ) as Record<Stretch, number>;
      const rounded = perRequest.map(
        (r) => Object.fromEntries(STRETCHES.map((n) => [n, Math.round(r[n] * 10) / 10])) as Record<Stretch, number>,
      );
      return { requests: perRequest.length, total, perRequest: rounded };
    },
  };
}
