import type { MigrationInterface, QueryRunner } from 'typeorm';

/** compact_multiplier_deltas() as the MultiplierRollup migration made it, or leaving the table alone when there is nothing to fold. */
function compactMultiplierDeltas(o: { skipWhenNothingToFold: boolean }): string {
  const skip = o.skipWhenNothingToFold
    ? `-- Nothing to fold: leave the rows (and the multiplier's version) alone.
        IF NOT EXISTS (SELECT 1 FROM multiplier_deltas GROUP BY industry, month HAVING count(*) > 1) THEN RETURN 0; END IF;`
    : '';
  return `
      CREATE OR REPLACE FUNCTION compact_multiplier_deltas() RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE folded integer;
      BEGIN
        -- One compaction at a time; writers only append, so they never wait for it.
        PERFORM pg_advisory_xact_lock(hashtext('compact_multiplier_deltas'));
        ${skip}
        WITH gone AS (DELETE FROM multiplier_deltas RETURNING industry, month, revenue_fen, input_fen, pairs),
             summed AS (
               INSERT INTO multiplier_deltas (industry, month, revenue_fen, input_fen, pairs)
               SELECT industry, month, sum(revenue_fen), sum(input_fen), sum(pairs) FROM gone GROUP BY industry, month
               HAVING sum(pairs) <> 0 OR sum(revenue_fen) <> 0 OR sum(input_fen) <> 0
               RETURNING 1)
        SELECT (SELECT count(*) FROM gone) - (SELECT count(*) FROM summed) INTO folded;
        RETURN folded;
      END $$`;
}

/**
 * A version number of the multiplier's totals, so the service can keep the
 * park-wide and per-industry figures in memory and still never answer with
 * figures older than what was committed before the request came.
 *
 * Every change of the totals appends to `multiplier_deltas` (see the
 * MultiplierRollup migration); a deferred constraint trigger on it adds one to
 * `multiplier_version.version` as the transaction commits, once per
 * transaction. Deferred, because the counter is one row that every writer
 * updates: taken at commit, after every other lock the transaction needs, it
 * cannot be part of a deadlock, and writers hold it only for their commit.
 *
 * Compaction (every half minute) rewrites the deltas, so it counts as a change
 * too: the figures are computed again once after it, from the same totals.
 * It now leaves the table alone when there is nothing to fold, instead of
 * rewriting every row (and moving the version) twice a minute for nothing.
 */
export class MultiplierVersion1796342400000 implements MigrationInterface {
  name = 'MultiplierVersion1796342400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE multiplier_version (
        id      boolean PRIMARY KEY DEFAULT true CHECK (id),
        version bigint  NOT NULL
      )`);
    await q.query('INSERT INTO multiplier_version (id, version) VALUES (true, 1)');
    // valley.multiplier_counted: the id of the transaction already counted (a setting local to it).
    await q.query(`
      CREATE FUNCTION multiplier_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('valley.multiplier_counted', true) IS DISTINCT FROM txid_current()::text THEN
          UPDATE multiplier_version SET version = version + 1;
          PERFORM set_config('valley.multiplier_counted', txid_current()::text, true);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER multiplier_version_on_delta AFTER INSERT ON multiplier_deltas
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION multiplier_version_bump()`);
    await q.query(compactMultiplierDeltas({ skipWhenNothingToFold: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER multiplier_version_on_delta ON multiplier_deltas');
    await q.query('DROP FUNCTION multiplier_version_bump()');
    await q.query('DROP TABLE multiplier_version');
    await q.query(compactMultiplierDeltas({ skipWhenNothingToFold: false }));
  }
}
