/**
 * "The data changed" within this process: a load handed to this server has finished (server/load-endpoint.ts). The
 * event names no region and carries no data — listeners (GET /events, server/events-endpoint.ts) only learn that they
 * should ask again; what they may read is scoped by the query they then run.
 */
import { EventEmitter } from 'node:events';

export interface DataChangedEvent {
  /** What changed: a load finished (ok: every file loaded). */
  reason: 'load';
  ok: boolean;
  /** ISO time of the change. */
  at: string;
}

const emitter = new EventEmitter();
// One listener per open event stream (wall screens, dashboards): no arbitrary cap.
emitter.setMaxListeners(0);

export function notifyDataChanged(event: Omit<DataChangedEvent, 'at'>): void {
  emitter.emit('changed', { ...event, at: new Date().toISOString() } satisfies DataChangedEvent);
}

/** Calls `listener` on every change until the returned function is called. */
export function onDataChanged(listener: (event: DataChangedEvent) => void): () => void {
  emitter.on('changed', listener);
  return () => emitter.off('changed', listener);
}
