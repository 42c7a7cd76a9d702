import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Programs and their sponsors, trainees (the national id number only as a
 * keyed hash and a masked form), enrollments with their waitlist order,
 * placements; and the enterprises as this service learns them from events.
 */
export class CreateTalent1764979200000 implements MigrationInterface {
  name = 'CreateTalent1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE known_enterprises (
        id             uuid PRIMARY KEY,
        name           text NOT NULL,
        industry       text NOT NULL,
        status         text NOT NULL,
        admitted_month text,
        exit_month     text,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    // seats_taken is kept under the program's row lock; the CHECK makes overbooking impossible even for a buggy path.
    await q.query(`
      CREATE TABLE programs (
        id           uuid PRIMARY KEY,
        name         text NOT NULL,
        track        text NOT NULL,
        description  text NOT NULL DEFAULT '',
        capacity     integer NOT NULL CHECK (capacity > 0),
        seats_taken  integer NOT NULL DEFAULT 0,
        starts_on    date NOT NULL,
        ends_on      date NOT NULL,
        status       text NOT NULL CHECK (status IN ('draft', 'published', 'running', 'finished', 'cancelled')),
        created_by   text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        CHECK (ends_on >= starts_on),
        CHECK (seats_taken BETWEEN 0 AND capacity)
      )`);
    await q.query('CREATE INDEX programs_track ON programs (track)');
    await q.query(`
      CREATE TABLE program_sponsors (
        program_id    uuid NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
        enterprise_id uuid NOT NULL,
        PRIMARY KEY (program_id, enterprise_id)
      )`);
    await q.query('CREATE INDEX program_sponsors_enterprise ON program_sponsors (enterprise_id)');
    // One record per person across programs: the keyed hash is unique; the number itself is never stored.
    await q.query(`
      CREATE TABLE trainees (
        id                 uuid PRIMARY KEY,
        ref                text NOT NULL UNIQUE,
        name               text NOT NULL,
        national_id_hash   text NOT NULL UNIQUE CHECK (national_id_hash ~ '^[0-9a-f]{64}$'),
        national_id_masked text NOT NULL CHECK (national_id_masked ~ '^[0-9]{4}[*]{10}[0-9]{3}[0-9X]$'),
        phone              text NOT NULL,
        email              text,
        education          text NOT NULL,
        created_by         text NOT NULL,
        created_at         timestamptz NOT NULL DEFAULT now()
      )`);
    // queue_no orders the waitlist: enrollments of one program are taken under its row lock, so numbers follow commits.
    await q.query('CREATE SEQUENCE enrollment_queue_seq');
    await q.query('CREATE SEQUENCE certificate_serial_seq');
    await q.query(`
      CREATE TABLE enrollments (
        id             uuid PRIMARY KEY,
        program_id     uuid NOT NULL REFERENCES programs (id),
        trainee_id     uuid NOT NULL REFERENCES trainees (id),
        status         text NOT NULL CHECK (status IN ('waitlisted', 'enrolled', 'completed', 'dropped')),
        queue_no       bigint NOT NULL DEFAULT nextval('enrollment_queue_seq'),
        requested_at   timestamptz NOT NULL DEFAULT now(),
        enrolled_at    timestamptz,
        completed_at   timestamptz,
        dropped_at     timestamptz,
        score          integer CHECK (score BETWEEN 0 AND 100),
        certificate_no text UNIQUE,
        created_by     text NOT NULL,
        CONSTRAINT enrollments_once UNIQUE (program_id, trainee_id),
        CHECK ((status = 'completed') = (completed_at IS NOT NULL AND score IS NOT NULL AND certificate_no IS NOT NULL)),
        CHECK (status = 'waitlisted' OR status = 'dropped' OR enrolled_at IS NOT NULL)
      )`);
    await q.query('CREATE INDEX enrollments_queue ON enrollments (program_id, status, queue_no)');
    await q.query('CREATE INDEX enrollments_trainee ON enrollments (trainee_id)');
    // One placement per completed enrollment; the hiring enterprise's industry as it was when it hired.
    await q.query(`
      CREATE TABLE placements (
        id            uuid PRIMARY KEY,
        enrollment_id uuid NOT NULL UNIQUE REFERENCES enrollments (id),
        program_id    uuid NOT NULL REFERENCES programs (id),
        enterprise_id uuid NOT NULL,
        industry      text NOT NULL,
        role          text NOT NULL,
        start_date    date NOT NULL,
        placed_by     text NOT NULL,
        placed_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX placements_enterprise ON placements (enterprise_id)');
    await q.query('CREATE INDEX placements_program ON placements (program_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['placements', 'enrollments', 'trainees', 'program_sponsors', 'programs', 'known_enterprises']) await q.query(`DROP TABLE ${t}`);
    await q.query('DROP SEQUENCE certificate_serial_seq');
    await q.query('DROP SEQUENCE enrollment_queue_seq');
  }
}
