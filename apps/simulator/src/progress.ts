/**
 * One line of progress: the simulated month, events sent and the rates. Redrawn in place on a
 * terminal, a plain line every few seconds otherwise (logs, CI).
 */
export class Progress {
  private readonly started = Date.now();
  private lastLine = 0;
  phase = 'starting';
  month = '';
  monthIndex = 0;
  events = 0;
  requests = 0;

  constructor(private readonly months: number, private readonly out: NodeJS.WriteStream | undefined, private readonly tty = Boolean(out?.isTTY)) {}

  update(change: Partial<Pick<Progress, 'phase' | 'month' | 'monthIndex' | 'requests'>> & { events?: number } = {}): void {
    const { events, ...rest } = change;
    Object.assign(this, rest);
    if (events) this.events += events;
    this.draw(false);
  }

  log(line: string): void {
    if (!this.out) return;
    if (this.tty) this.out.write('\r\x1b[K');
    this.out.write(`${line}\n`);
    this.draw(true);
  }

  done(): void {
    this.draw(true);
    if (this.out && this.tty) this.out.write('\n');
  }

  private draw(force: boolean): void {
    if (!this.out) return;
    const now = Date.now();
    if (!force && now - this.lastLine < (this.tty ? 200 : 5000)) return;
    this.lastLine = now;
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const width = 24;
    const filled = Math.round((width * Math.min(this.monthIndex, this.months)) / Math.max(1, this.months));
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.month || '-------'} ${this.monthIndex}/${this.months} ${this.phase} | events ${this.events.toLocaleString('en')} (${Math.round(this.events / seconds)}/s) | requests ${this.requests.toLocaleString('en')} (${Math.round(this.requests / seconds)}/s) | ${seconds.toFixed(0)} s`;
    this.out.write(this.tty ? `\r\x1b[K${line}` : `${line}\n`);
  }
}
