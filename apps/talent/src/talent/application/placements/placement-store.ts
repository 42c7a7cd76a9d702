export interface PlacementRow {
  id: string;
  enrollment_id: string;
  program_id: string;
  trainee_ref: string;
  enterprise_id: string;
  industry: string;
  role: string;
  start_date: string;
  placed_at: Date;
}

export const PLACEMENT_COLUMNS = 'pl.id, pl.enrollment_id, pl.program_id, t.ref AS trainee_ref, pl.enterprise_id, pl.industry, pl.role, pl.start_date::text AS start_date, pl.placed_at';

export const PLACEMENT_FROM = 'placements pl JOIN enrollments e ON e.id = pl.enrollment_id JOIN trainees t ON t.id = e.trainee_id';
