/** Request and connection counters, and the request log. */
import type { EmulatorStats, RequestRecord, Target } from "./types";

export class Stats {
  private total = 0;
  private byRoute = new Map<string, number>();
  private connections: Record<Target, number> = { es: 0, cloud: 0 };
  private log: RequestRecord[] = [];
  /** Bumped by reset(), so a connection counted before a reset is never uncounted after it. */
  epoch = 0;

  countConnection(target: Target, delta: 1 | -1): void {
    this.connections[target] += delta;
  }

  /** Counts a request and starts its log record; the caller sets `status` once it is known. */
  begin(record: RequestRecord): RequestRecord {
    this.total++;
    this.byRoute.set(record.route, (this.byRoute.get(record.route) ?? 0) + 1);
    this.log.push(record);
    return record;
  }

  snapshot(): EmulatorStats {
    return {
      requests: { total: this.total, byRoute: Object.fromEntries(this.byRoute) },
      connections: { ...this.connections },
    };
  }

  requests(): RequestRecord[] {
    return this.log.map((r) => ({ ...r }));
  }

  reset(): void {
    this.total = 0;
    this.byRoute = new Map();
    this.connections = { es: 0, cloud: 0 };
    this.log = [];
    this.epoch++;
  }
}
