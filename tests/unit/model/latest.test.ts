import { describe, expect, it } from 'vitest';
import { latest } from '../../../src/model/client';

describe('latest()', () => {
  it('delivers only the newest call, even when an older one finishes last', async () => {
    const wait = (ms: number, v: string) => new Promise<string>((r) => setTimeout(() => r(v), ms));
    const f = latest(wait);
    const slowOld = f(30, 'old');
    const fastNew = f(5, 'new');
    expect(await fastNew).toBe('new');
    expect(await slowOld).toBeUndefined();
  });
});
