import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The run's journal: one JSON line per completed step, written after the step took effect.
 * A restarted run reads it and skips what is in it; the steps themselves are idempotent
 * (usage records by recordId, reports by idempotencyKey, imports by USCC), so a step that
 * took effect but was not journaled before an interruption is repeated without a double effect.
 */
export class Journal {
  private readonly done = new Map<string, Record<string, unknown>>();

  constructor(readonly file: string | undefined) {
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    if (!existsSync(file)) return;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as { step: string; data?: Record<string, unknown> };
        this.done.set(entry.step, entry.data ?? {});
      } catch {
        // A line cut short by the interruption: that step is simply not done.
      }
    }
  }

  get size(): number {
    return this.done.size;
  }

  has(step: string): boolean {
    return this.done.has(step);
  }

  get<T extends Record<string, unknown>>(step: string): T | undefined {
    return this.done.get(step) as T | undefined;
  }

  record(step: string, data: Record<string, unknown> = {}): void {
    this.done.set(step, data);
    if (this.file) appendFileSync(this.file, `${JSON.stringify({ step, data, at: new Date().toISOString() })}\n`);
  }
}
