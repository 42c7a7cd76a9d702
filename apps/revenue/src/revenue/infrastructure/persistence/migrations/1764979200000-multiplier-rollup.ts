import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The multiplier's figures, kept up to date by the database in the same
 * transaction as every change they depend on, so the dashboard's queries read
 * a few hundred rows instead of joining every report and charge of the range.
 *
 * - `multiplier_pairs`: one row per enterprise and month that has both an
 *   accepted report (its accepted version) and a charge (its highest revision),
 *   with the enterprise's industry. Written per enterprise: no two partitions or
 *   requests contend for a row.
 * - `multiplier_deltas`: append-only changes of the (industry, month) totals.
 *   Appending instead of updating one row per industry and month means
 *   concurrent charge chunks never wait for or deadlock on a shared row;
 *   `compact_multiplier_deltas()` folds them into one row per industry and month.
 * - `multiplier_enterprise_months`: per enterprise, the months it has a pair in
 *   as a bitmap (bit i = i months after 2000-01), so "enterprises reporting in
 *   a range" is one AND with the range's mask per enterprise, not a distinct
 *   count over every pair.
 *
 * Triggers call `refresh_multiplier_pair(enterprise, month)` when a report's
 * accepted version changes, a charge arrives or is revised, or an enterprise's
 * industry changes.
 */
/** Months 2000-01 … 2099-12, one bit each (as domain/month.ts monthBitmap builds the query's mask). */
const MONTH_BITS = 1200;

export class MultiplierRollup1764979200000 implements MigrationInterface {
  name = 'MultiplierRollup1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE multiplier_pairs (
        enterprise_id   uuid    NOT NULL,
        month           text    NOT NULL,
        industry        text    NOT NULL,
        revenue_fen     bigint  NOT NULL,
        report_version  integer NOT NULL,
        charge_fen      bigint  NOT NULL,
        charge_revision integer NOT NULL,
        PRIMARY KEY (enterprise_id, month)
      )`);
    await q.query('CREATE INDEX multiplier_pairs_month ON multiplier_pairs (month, enterprise_id)');
    await q.query('CREATE INDEX multiplier_pairs_industry_month ON multiplier_pairs (industry, month, enterprise_id)');
    await q.query(`
      CREATE TABLE multiplier_deltas (
        id          bigserial PRIMARY KEY,
        industry    text    NOT NULL,
        month       text    NOT NULL,
        revenue_fen numeric(38, 0) NOT NULL,
        input_fen   numeric(38, 0) NOT NULL,
        pairs       integer NOT NULL
      )`);
    await q.query('CREATE INDEX multiplier_deltas_month ON multiplier_deltas (month, industry) INCLUDE (revenue_fen, input_fen, pairs)');
    await q.query(`
      CREATE TABLE multiplier_enterprise_months (
        enterprise_id uuid PRIMARY KEY,
        industry      text      NOT NULL,
        month_bits    bit(${MONTH_BITS}) NOT NULL
      )`);
    // Bit of a 'YYYY-MM' month; months outside 2000-01 … 2099-12 are refused rather than miscounted.
    await q.query(`
      CREATE FUNCTION multiplier_month_bit(m text) RETURNS integer LANGUAGE plpgsql IMMUTABLE AS $$
      DECLARE i integer := (substr(m, 1, 4)::integer - 2000) * 12 + substr(m, 6, 2)::integer - 1;
      BEGIN
        IF i < 0 OR i >= ${MONTH_BITS} THEN RAISE EXCEPTION 'month % is outside the multiplier''s range 2000-01 … 2099-12', m; END IF;
        RETURN i;
      END $$`);

    await q.query(`
      CREATE FUNCTION refresh_multiplier_pair(e uuid, m text) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        old_pair multiplier_pairs%ROWTYPE;
        new_pair multiplier_pairs%ROWTYPE;
      BEGIN
        SELECT * INTO old_pair FROM multiplier_pairs WHERE enterprise_id = e AND month = m FOR UPDATE;
        SELECT r.enterprise_id, r.month, coalesce(k.industry, 'unknown'), v.revenue_fen, v.version, d.charge_fen, d.revision
          INTO new_pair
          FROM reports r
          JOIN report_versions v ON v.report_id = r.id AND v.version = r.accepted_version
          JOIN data_element_input d ON d.enterprise_id = r.enterprise_id AND d.month = r.month
          LEFT JOIN known_enterprises k ON k.id = r.enterprise_id
         WHERE r.enterprise_id = e AND r.month = m AND r.accepted_version IS NOT NULL;

        IF old_pair.enterprise_id IS NOT DISTINCT FROM new_pair.enterprise_id
           AND old_pair.industry IS NOT DISTINCT FROM new_pair.industry
           AND old_pair.revenue_fen IS NOT DISTINCT FROM new_pair.revenue_fen
           AND old_pair.report_version IS NOT DISTINCT FROM new_pair.report_version
           AND old_pair.charge_fen IS NOT DISTINCT FROM new_pair.charge_fen
           AND old_pair.charge_revision IS NOT DISTINCT FROM new_pair.charge_revision THEN
          RETURN;
        END IF;

        IF old_pair.enterprise_id IS NOT NULL THEN
          INSERT INTO multiplier_deltas (industry, month, revenue_fen, input_fen, pairs)
          VALUES (old_pair.industry, m, -old_pair.revenue_fen, -old_pair.charge_fen, -1);
        END IF;
        IF new_pair.enterprise_id IS NOT NULL THEN
          INSERT INTO multiplier_pairs VALUES (new_pair.*)
            ON CONFLICT (enterprise_id, month) DO UPDATE SET industry = EXCLUDED.industry, revenue_fen = EXCLUDED.revenue_fen,
              report_version = EXCLUDED.report_version, charge_fen = EXCLUDED.charge_fen, charge_revision = EXCLUDED.charge_revision;
          INSERT INTO multiplier_deltas (industry, month, revenue_fen, input_fen, pairs)
          VALUES (new_pair.industry, m, new_pair.revenue_fen, new_pair.charge_fen, 1);
          INSERT INTO multiplier_enterprise_months (enterprise_id, industry, month_bits)
            VALUES (e, new_pair.industry, set_bit(repeat('0', ${MONTH_BITS})::bit(${MONTH_BITS}), multiplier_month_bit(m), 1))
            ON CONFLICT (enterprise_id) DO UPDATE SET industry = EXCLUDED.industry,
              month_bits = set_bit(multiplier_enterprise_months.month_bits, multiplier_month_bit(m), 1);
        ELSE
          DELETE FROM multiplier_pairs WHERE enterprise_id = e AND month = m;
          UPDATE multiplier_enterprise_months SET month_bits = set_bit(month_bits, multiplier_month_bit(m), 0) WHERE enterprise_id = e;
        END IF;
      END $$`);

    await q.query(`
      CREATE FUNCTION compact_multiplier_deltas() RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE folded integer;
      BEGIN
        -- One compaction at a time; writers only append, so they never wait for it.
        PERFORM pg_advisory_xact_lock(hashtext('compact_multiplier_deltas'));
        WITH gone AS (DELETE FROM multiplier_deltas RETURNING industry, month, revenue_fen, input_fen, pairs),
             summed AS (
               INSERT INTO multiplier_deltas (industry, month, revenue_fen, input_fen, pairs)
               SELECT industry, month, sum(revenue_fen), sum(input_fen), sum(pairs) FROM gone GROUP BY industry, month
               HAVING sum(pairs) <> 0 OR sum(revenue_fen) <> 0 OR sum(input_fen) <> 0
               RETURNING 1)
        SELECT (SELECT count(*) FROM gone) - (SELECT count(*) FROM summed) INTO folded;
        RETURN folded;
      END $$`);

    // Reports and charges both carry (enterprise_id, month): one trigger function for both.
    await q.query(`
      CREATE FUNCTION multiplier_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_multiplier_pair(NEW.enterprise_id, NEW.month);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER multiplier_on_report AFTER UPDATE OF accepted_version ON reports
      FOR EACH ROW WHEN (OLD.accepted_version IS DISTINCT FROM NEW.accepted_version)
      EXECUTE FUNCTION multiplier_on_change()`);
    await q.query(`
      CREATE TRIGGER multiplier_on_report_insert AFTER INSERT ON reports
      FOR EACH ROW WHEN (NEW.accepted_version IS NOT NULL)
      EXECUTE FUNCTION multiplier_on_change()`);
    await q.query(`
      CREATE TRIGGER multiplier_on_charge AFTER INSERT OR UPDATE ON data_element_input
      FOR EACH ROW EXECUTE FUNCTION multiplier_on_change()`);
    await q.query(`
      CREATE FUNCTION multiplier_on_industry() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE pair_month text;
      BEGIN
        FOR pair_month IN SELECT month FROM multiplier_pairs WHERE enterprise_id = NEW.id ORDER BY month LOOP
          PERFORM refresh_multiplier_pair(NEW.id, pair_month);
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER multiplier_on_industry AFTER UPDATE OF industry ON known_enterprises
      FOR EACH ROW WHEN (OLD.industry IS DISTINCT FROM NEW.industry)
      EXECUTE FUNCTION multiplier_on_industry()`);
    // An enterprise learnt after its charges and reports: its pairs leave 'unknown'.
    await q.query(`
      CREATE TRIGGER multiplier_on_enterprise_insert AFTER INSERT ON known_enterprises
      FOR EACH ROW EXECUTE FUNCTION multiplier_on_industry()`);

    // What is there already.
    await q.query(`
      SELECT refresh_multiplier_pair(r.enterprise_id, r.month)
        FROM reports r JOIN data_element_input d ON d.enterprise_id = r.enterprise_id AND d.month = r.month
       WHERE r.accepted_version IS NOT NULL`);
    await q.query('SELECT compact_multiplier_deltas()');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER multiplier_on_enterprise_insert ON known_enterprises');
    await q.query('DROP TRIGGER multiplier_on_industry ON known_enterprises');
    await q.query('DROP TRIGGER multiplier_on_charge ON data_element_input');
    await q.query('DROP TRIGGER multiplier_on_report_insert ON reports');
    await q.query('DROP TRIGGER multiplier_on_report ON reports');
    for (const f of ['multiplier_on_industry()', 'multiplier_on_change()', 'compact_multiplier_deltas()', 'refresh_multiplier_pair(uuid, text)', 'multiplier_month_bit(text)']) await q.query(`DROP FUNCTION ${f}`);
    for (const t of ['multiplier_enterprise_months', 'multiplier_deltas', 'multiplier_pairs']) await q.query(`DROP TABLE ${t}`);
  }
}
