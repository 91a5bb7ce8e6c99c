/**
 * The emulator's "now". It runs with real time plus an adjustable offset: keys with short expirations expire on
 * their own as in a real cluster, while tests can still jump days ahead (7-day pending keys, expired API keys).
 */
export class Clock {
  private offset: number;

  constructor(initial: number = Date.now()) {
    assertEpoch(initial, "now");
    this.offset = initial - Date.now();
  }

  now(): number {
    return Date.now() + this.offset;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock.advance expects a finite, non-negative number of ms, got ${ms}`);
    this.offset += ms;
  }

  set(ms: number): void {
    assertEpoch(ms, "clock.set");
    this.offset = ms - Date.now();
  }
}

function assertEpoch(ms: number, what: string): void {
  if (!Number.isFinite(ms)) throw new RangeError(`${what} expects finite epoch milliseconds, got ${ms}`);
}
