import { describe, expect, it } from 'vitest';
import { Capacity } from './Capacity.ts';

describe('Capacity', () => {
  it('starts up to maxConcurrent, then queues FIFO and hands each freed slot to the oldest waiter', () => {
    const capacity = new Capacity({ maxConcurrent: 2, overflow: 'queue' });
    const started: string[] = [];
    expect([capacity.arrive(), capacity.arrive(), capacity.arrive()]).toEqual(['start', 'start', 'queue']);
    capacity.enqueue(() => started.push('c'));
    expect(capacity.arrive()).toBe('queue');
    capacity.enqueue(() => started.push('d'));
    expect([capacity.inFlight, capacity.queued]).toEqual([2, 2]);
    capacity.release();
    expect(started).toEqual(['c']);
    capacity.release();
    expect(started).toEqual(['c', 'd']);
    expect([capacity.inFlight, capacity.queued]).toEqual([2, 0]);
  });

  it('rejects beyond maxQueue waiters', () => {
    const capacity = new Capacity({ maxConcurrent: 1, overflow: 'queue', maxQueue: 1 });
    expect(capacity.arrive()).toBe('start');
    expect(capacity.arrive()).toBe('queue');
    capacity.enqueue(() => {});
    expect(capacity.arrive()).toBe('reject');
  });

  it('rejects at once with overflow reject', () => {
    const capacity = new Capacity({ maxConcurrent: 1, overflow: 'reject' });
    expect([capacity.arrive(), capacity.arrive()]).toEqual(['start', 'reject']);
  });

  it('skips a waiter that left the queue', () => {
    const capacity = new Capacity({ maxConcurrent: 1, overflow: 'queue' });
    const started: string[] = [];
    capacity.arrive();
    capacity.arrive();
    const leave = capacity.enqueue(() => started.push('gone'));
    capacity.arrive();
    capacity.enqueue(() => started.push('stays'));
    leave();
    capacity.release();
    expect(started).toEqual(['stays']);
    expect(capacity.queued).toBe(0);
  });
});
