import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

type Pending = { body: Buffer; resolve: () => void; reject: (error: unknown) => void };

/** Deliveries committed in one INSERT at most; keeps one statement's parameters small. */
const MAX_BATCH = 256;
/** Time constant of the arrival rate's moving average. */
const RATE_TAU_MS = 1_000;

/**
 * Appends raw webhook deliveries to webhook_delivery with group commit: a request waits only for
 * the commit of the batch it joined. At low load each delivery is its own batch (no added latency);
 * under load, deliveries that arrive while a commit is in flight share the next one.
 */
@Injectable()
export class WebhookLogWriter {
  private queue: Pending[] = [];
  private flushing = false;
  /** Exponentially decayed count of arrivals: divided by the time constant, arrivals per second. */
  private recent = 0;
  private recentAt = performance.now();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Resolves once the delivery is durably committed. */
  append(body: Buffer): Promise<void> {
    this.recent = this.decayed() + 1;
    return new Promise((resolve, reject) => {
      this.queue.push({ body, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /** Deliveries received per second, averaged over about the last second. */
  arrivalRate(): number {
    return this.decayed() / (RATE_TAU_MS / 1000);
  }

  private decayed(): number {
    const now = performance.now();
    const value = this.recent * Math.exp(-(now - this.recentAt) / RATE_TAU_MS);
    this.recentAt = now;
    return value;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          // one parameter per delivery: pg sends Buffers in binary, where a bytea[] goes as hex text
          await this.db.query(
            `INSERT INTO webhook_delivery (body) VALUES ${batch.map((_, i) => `($${i + 1})`).join(', ')}`,
            batch.map((p) => p.body),
          );
          batch.forEach((p) => p.resolve());
        } catch (error) {
          batch.forEach((p) => p.reject(error));
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
