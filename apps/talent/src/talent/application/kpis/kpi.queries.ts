import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Identity } from '@valley/platform';
import { kpiOf, percentText, sumCounts, type Kpi, type KpiCounts } from '../../domain/kpi';
import { TalentError, TalentErrorCode } from '../../domain/talent.error';
import { enterpriseScope } from '../talent-access';

export type KpiScope = 'park' | 'track' | 'program' | 'industry';

export interface KpiFigure {
  /** 'park', the track, the program id or the hiring enterprise's industry. */
  key: string;
  /** The program's name for program figures; the key otherwise. */
  label: string;
  trained: number | null;
  completed: number | null;
  placed: number;
  completionRate: string | null;
  placementRate: string | null;
}

interface ProgramCountRow extends KpiCounts {
  program_id: string;
  name: string;
  track: string;
}

const SCOPES: readonly KpiScope[] = ['park', 'track', 'program', 'industry'];

/**
 * Trained (ever held a seat), completed and placed, counted as integers in
 * the database; the rates are rounded only for display. Administrators see
 * the park; an enterprise user the programs its enterprise sponsors.
 */
@Injectable()
export class KpiQueries {
  constructor(private readonly dataSource: DataSource) {}

  async figures(scope: KpiScope, identity: Identity, track?: string | null): Promise<KpiFigure[]> {
    if (!SCOPES.includes(scope)) throw new TalentError(TalentErrorCode.InvalidInput, `scope: one of ${SCOPES.join(', ')}`, 'scope');
    const sponsor = enterpriseScope(identity);
    const programs: ProgramCountRow[] = await this.dataSource.query(
      `SELECT p.id AS program_id, p.name, p.track,
              count(e.id) FILTER (WHERE e.enrolled_at IS NOT NULL)::int AS trained,
              count(e.id) FILTER (WHERE e.status = 'completed')::int AS completed,
              count(pl.id)::int AS placed
         FROM programs p
         LEFT JOIN enrollments e ON e.program_id = p.id
         LEFT JOIN placements pl ON pl.enrollment_id = e.id
        WHERE ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM program_sponsors s WHERE s.program_id = p.id AND s.enterprise_id = $1::uuid))
          AND ($2::text IS NULL OR p.track = $2)
        GROUP BY p.id
        ORDER BY p.track, p.name, p.id`,
      [sponsor, track ?? null],
    );
    switch (scope) {
      case 'park':
        return [figure('park', 'park', kpiOf(sumCounts(programs)))];
      case 'program':
        return programs.map((p) => figure(p.program_id, p.name, kpiOf(p)));
      case 'track': {
        const byTrack = new Map<string, KpiCounts[]>();
        for (const p of programs) byTrack.set(p.track, [...(byTrack.get(p.track) ?? []), p]);
        return [...byTrack.entries()].map(([key, rows]) => figure(key, key, kpiOf(sumCounts(rows))));
      }
      case 'industry':
        return this.byIndustry(programs, sponsor, track);
    }
  }

  /**
   * Placements by the hiring enterprise's industry (as it was when it hired).
   * Trained and completed have no industry: they stay null, and the
   * placement rate is the share of all completions in scope that the industry hired.
   */
  private async byIndustry(programs: ProgramCountRow[], sponsor: string | null, track?: string | null): Promise<KpiFigure[]> {
    const completed = sumCounts(programs).completed;
    const rows: Array<{ industry: string; placed: number }> = await this.dataSource.query(
      `SELECT pl.industry, count(*)::int AS placed
         FROM placements pl JOIN programs p ON p.id = pl.program_id
        WHERE ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM program_sponsors s WHERE s.program_id = p.id AND s.enterprise_id = $1::uuid))
          AND ($2::text IS NULL OR p.track = $2)
        GROUP BY pl.industry ORDER BY pl.industry`,
      [sponsor, track ?? null],
    );
    return rows.map((r) => ({ key: r.industry, label: r.industry, trained: null, completed: null, placed: r.placed, completionRate: null, placementRate: percentText(r.placed, completed) }));
  }
}

function figure(key: string, label: string, kpi: Kpi): KpiFigure {
  return { key, label, ...kpi };
}
