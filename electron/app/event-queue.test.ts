import { describe, expect, it } from 'vitest';
import type { RegistryView } from '../../shared/contract';
import type { EventMessage } from '../preload/channels';
import { createQueuedEventSink } from './event-queue';

const list = (n: number): RegistryView[] =>
  Array.from({ length: n }, (_, i) => ({ id: `r${i}`, name: `r${i}`, url: 'http://127.0.0.1:5000', host: '127.0.0.1:5000', insecure: true, kind: 'local', accounts: [], pinnedRepositories: [], useDockerCredentials: false, status: { state: 'unknown' } }));

describe('createQueuedEventSink', () => {
  it('queues events until the renderer has loaded, then flushes them in order', () => {
    const sink = createQueuedEventSink();
    sink.emit('registries.changed', list(1));
    sink.emit('registries.changed', list(2));
    expect(sink.queued).toBe(2);
    const sent: EventMessage[] = [];
    sink.open((m) => sent.push(m));
    expect(sent.map((m) => (m.payload as RegistryView[]).length)).toEqual([1, 2]);
    expect(sent[0]?.name).toBe('registries.changed');
    expect(sink.queued).toBe(0);
  });
  it('sends directly once open and queues again while the renderer reloads', () => {
    const sink = createQueuedEventSink();
    const sent: EventMessage[] = [];
    sink.open((m) => sent.push(m));
    sink.emit('registries.changed', list(1));
    expect(sent).toHaveLength(1);
    sink.pause();
    sink.emit('registries.changed', list(3));
    expect(sent).toHaveLength(1);
    sink.open((m) => sent.push(m));
    expect(sent.map((m) => (m.payload as RegistryView[]).length)).toEqual([1, 3]);
  });
  it('keeps only the newest events when the queue is full and reports how many went', () => {
    const drops: number[] = [];
    const sink = createQueuedEventSink((n) => drops.push(n), 3);
    for (let i = 1; i <= 5; i++) sink.emit('registries.changed', list(i));
    const sent: EventMessage[] = [];
    sink.open((m) => sent.push(m));
    expect(sent.map((m) => (m.payload as RegistryView[]).length)).toEqual([3, 4, 5]);
    expect(drops).toEqual([2]);
  });
});
