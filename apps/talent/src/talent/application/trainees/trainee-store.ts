import { QueryFailedError } from 'typeorm';
import type { EducationLevel } from '../../domain/trainee-details';

export interface TraineeRow {
  id: string;
  ref: string;
  name: string;
  national_id_masked: string;
  phone: string;
  email: string | null;
  education: EducationLevel;
  created_at: Date;
}

/** Never the hash: it is for matching, not for showing. */
export const TRAINEE_COLUMNS = 't.id, t.ref, t.name, t.national_id_masked, t.phone, t.email, t.education, t.created_at';

/**
 * A database error on a statement that carried personal data, without that
 * data: TypeORM's QueryFailedError keeps the statement's parameters, and the
 * error formatter logs unexpected errors whole.
 */
export function withoutPersonalData(err: unknown, what: string): Error {
  if (err instanceof QueryFailedError) {
    const code = (err.driverError as { code?: string } | undefined)?.code ?? 'unknown';
    return new Error(`${what} failed in the database (SQLSTATE ${code})`);
  }
  return err instanceof Error ? new Error(`${what} failed: ${err.name}`) : new Error(`${what} failed`);
}
