import type { EntityManager } from 'typeorm';
import type { CloudEvent, EventData } from '@valley/contracts';
import { PermanentMessageError } from '../inbox/idempotent-consumer';

/**
 * The onboarding service's enterprise lifecycle, projected into a service's own
 * `known_enterprises` table: who the enterprise is, its industry, whether it is
 * a resident now, and the months of its admission and exit. The table, in each
 * service's migrations: id uuid PRIMARY KEY, name text, industry text,
 * status text, admitted_month text NULL, exit_month text NULL, updated_at timestamptz.
 *
 * Returns false for an event that is not a lifecycle event (the caller's to handle).
 * A status change for an enterprise the service never heard of is a permanent
 * error (its application or approval is missing): the event goes to the DLQ.
 */
export async function applyToKnownEnterprises(manager: EntityManager, event: CloudEvent, service: string): Promise<boolean> {
  switch (event.type) {
    case 'valley.enterprise.application-submitted.v1': {
      const d = event.data as EventData<typeof event.type>;
      await manager.query(
        `INSERT INTO known_enterprises (id, name, industry, status) VALUES ($1, $2, $3, 'applicant')
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, industry = EXCLUDED.industry, updated_at = now()`,
        [d.enterpriseId, d.name, d.industry],
      );
      return true;
    }
    case 'valley.enterprise.approved.v1': {
      const d = event.data as EventData<typeof event.type>;
      await manager.query(
        `INSERT INTO known_enterprises (id, name, industry, status, admitted_month) VALUES ($1, $2, $3, 'resident', $4)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, industry = EXCLUDED.industry, status = 'resident', admitted_month = EXCLUDED.admitted_month, updated_at = now()`,
        [d.enterpriseId, d.name, d.industry, d.admittedMonth],
      );
      return true;
    }
    case 'valley.enterprise.rejected.v1':
      await setStatus(manager, event.subject, 'rejected', service);
      return true;
    case 'valley.enterprise.suspended.v1':
      await setStatus(manager, event.subject, 'suspended', service);
      return true;
    case 'valley.enterprise.reinstated.v1':
      await setStatus(manager, event.subject, 'resident', service);
      return true;
    case 'valley.enterprise.exited.v1':
      await setStatus(manager, event.subject, 'exited', service, (event.data as EventData<typeof event.type>).exitDate.slice(0, 7));
      return true;
    default:
      return false;
  }
}

async function setStatus(manager: EntityManager, enterpriseId: string, status: string, service: string, exitMonth?: string): Promise<void> {
  // A CTE so the driver returns rows (a bare UPDATE … RETURNING comes back as [rows, count]).
  const rows: unknown[] = await manager.query(
    `WITH u AS (UPDATE known_enterprises SET status = $2, exit_month = coalesce($3, exit_month), updated_at = now() WHERE id = $1 RETURNING id) SELECT id FROM u`,
    [enterpriseId, status, exitMonth ?? null],
  );
  if (rows.length === 0) throw new PermanentMessageError(`enterprise ${enterpriseId} is not known to ${service} (its application or approval is missing)`);
}
