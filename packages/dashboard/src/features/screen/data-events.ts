/**
 * The api's data-change events (GET /events, Server-Sent Events): `onChange` runs when a load handed to the server
 * has finished. Read with fetch, not EventSource, so the bearer token travels in the Authorization header (never in a
 * URL); the stream is opened again 5 s after it ends or fails, until `stop()`.
 */
import { useEffect, useRef } from 'react';
import { authHeaders } from '../../app/auth-token';

const RETRY_MS = 5_000;

/** The `event:` names of every complete SSE message in `buffer`, and what remains of it. */
export function parseEvents(buffer: string): { events: string[]; rest: string } {
  const parts = buffer.split('\n\n');
  const rest = parts.pop() ?? '';
  const events = parts.map((block) => /^event: (.+)$/m.exec(block)?.[1]?.trim()).filter((name): name is string => Boolean(name));
  return { events, rest };
}

export function watchDataEvents(onChange: () => void, url = '/events'): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const connect = async (): Promise<void> => {
    controller = new AbortController();
    try {
      const res = await fetch(url, { headers: authHeaders(), signal: controller.signal, cache: 'no-store' });
      if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        const parsed = parseEvents(buffer);
        buffer = parsed.rest;
        if (parsed.events.includes('data-changed')) onChange();
      }
    } catch {
      // aborted, refused or cut: try again below (the page still refreshes on its timer meanwhile)
    }
    if (!stopped) timer = setTimeout(() => void connect(), RETRY_MS);
  };
  if (typeof fetch === 'function' && typeof TextDecoder === 'function') void connect();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    controller?.abort();
  };
}

/** `watchDataEvents` for a component's lifetime; the latest `onChange` is called. */
export function useDataEvents(onChange: () => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => watchDataEvents(() => latest.current()), []);
}
