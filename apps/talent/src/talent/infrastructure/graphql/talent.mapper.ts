import type { EnrollmentRow } from '../../application/enrollments/enrollment-store';
import type { PlacementRow } from '../../application/placements/placement-store';
import type { ProgramRow } from '../../application/programs/program-store';
import type { TraineeRow } from '../../application/trainees/trainee-store';
import type { KpiFigure } from '../../application/kpis/kpi.queries';
import { EnrollmentStatusGql, ProgramStatusGql, type EnrollmentType, type PlacementType, type ProgramType, type TalentKpiType, type TraineeType } from './talent.types';

/** Rows to API types: a column change is not an API change. */
export function toProgramType(r: ProgramRow): ProgramType {
  return {
    id: r.id,
    name: r.name,
    track: r.track,
    description: r.description,
    capacity: r.capacity,
    seatsTaken: r.seats_taken,
    waitlisted: r.waitlisted,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    status: ProgramStatusGql[r.status],
    sponsorEnterpriseIds: r.sponsor_enterprise_ids,
    sponsors: r.sponsor_enterprise_ids.map((id) => ({ id })),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(r.published_at ? { publishedAt: r.published_at } : {}),
  };
}

export function toTraineeType(r: TraineeRow): TraineeType {
  return { id: r.id, ref: r.ref, name: r.name, nationalIdMasked: r.national_id_masked, phone: r.phone, ...(r.email ? { email: r.email } : {}), education: r.education, createdAt: r.created_at };
}

export function toEnrollmentType(r: EnrollmentRow): EnrollmentType {
  return {
    id: r.id,
    programId: r.program_id,
    traineeRef: r.trainee_ref,
    status: EnrollmentStatusGql[r.status],
    ...(r.waitlist_position !== null ? { waitlistPosition: r.waitlist_position } : {}),
    requestedAt: r.requested_at,
    ...(r.enrolled_at ? { enrolledAt: r.enrolled_at } : {}),
    ...(r.completed_at ? { completedAt: r.completed_at } : {}),
    ...(r.dropped_at ? { droppedAt: r.dropped_at } : {}),
    ...(r.score !== null ? { score: r.score } : {}),
    ...(r.certificate_no ? { certificateNo: r.certificate_no } : {}),
  };
}

export function toPlacementType(r: PlacementRow): PlacementType {
  return { id: r.id, enrollmentId: r.enrollment_id, programId: r.program_id, traineeRef: r.trainee_ref, enterpriseId: r.enterprise_id, enterprise: { id: r.enterprise_id }, industry: r.industry, role: r.role, startDate: r.start_date, placedAt: r.placed_at };
}

export function toKpiType(f: KpiFigure): TalentKpiType {
  return {
    key: f.key,
    label: f.label,
    placed: f.placed,
    ...(f.trained !== null ? { trained: f.trained } : {}),
    ...(f.completed !== null ? { completed: f.completed } : {}),
    ...(f.completionRate !== null ? { completionRate: f.completionRate } : {}),
    ...(f.placementRate !== null ? { placementRate: f.placementRate } : {}),
  };
}
