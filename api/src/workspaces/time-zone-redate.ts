import type { EntityManager } from 'typeorm';
import { RESPONSE_BUCKET_BOUNDS } from '../database/migrations/1764849600000-first-response.js';
import { rebuildObservedRollups } from '../messenger/rollup-rebuild.js';

/** As the cohorts migration files a first conversion: whole days after the first contact, at most 91. */
const OFFSET = `least(greatest(floor(extract(epoch FROM (d.first_conversion_at - d.first_seen_at)) / 86400), 0), 91)::smallint`;
const BUCKET = `CASE ${RESPONSE_BUCKET_BOUNDS.map(
  (upTo, i) => `WHEN extract(epoch FROM (d.first_response_at - d.first_seen_at)) < ${upTo} THEN ${i}`,
).join(' ')} ELSE ${RESPONSE_BUCKET_BOUNDS.length} END`;
const DAY = `(d.first_seen_at AT TIME ZONE w.time_zone)::date`;

/**
 * Files a workspace's figures again under its (new) time zone, set-based: the daily observed rollups
 * (and the coarse ones their triggers keep), the cohorts and the first-response histogram. Their
 * triggers only add each change under the zone of the moment, so rows filed under the old zone are
 * rebuilt from the contacts. Runs in the caller's transaction; live processing waits on the locks
 * and then applies its change on top.
 */
export async function redateFigures(m: EntityManager, workspaceId: string): Promise<{ observedRows: number }> {
  // one statement, so processing (which writes these in the same order) cannot hold one while waiting on another
  await m.query(`LOCK TABLE observed_daily, contact_contribution, cohort_daily, response_daily IN EXCLUSIVE MODE`);
  await m.query(`DELETE FROM cohort_daily WHERE workspace_id = $1`, [workspaceId]);
  await m.query(
    `INSERT INTO cohort_daily (workspace_id, day, page_id, source, ad_id, days_to_convert, contacts)
     SELECT d.workspace_id, ${DAY}, d.page_id, d.first_source, coalesce(d.first_ad_id, ''), ${OFFSET}, count(*)
     FROM contact d JOIN workspace w ON w.id = d.workspace_id
     WHERE d.workspace_id = $1 AND d.first_conversion_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6`,
    [workspaceId],
  );
  await m.query(`DELETE FROM response_daily WHERE workspace_id = $1`, [workspaceId]);
  await m.query(
    `INSERT INTO response_daily (workspace_id, day, page_id, source, ref, bucket, contacts)
     SELECT d.workspace_id, ${DAY}, d.page_id, d.first_source, coalesce(d.first_ref, ''), ${BUCKET}, count(*)
     FROM contact d JOIN workspace w ON w.id = d.workspace_id
     WHERE d.workspace_id = $1 AND d.first_response_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6`,
    [workspaceId],
  );
  const { rows } = await rebuildObservedRollups(m, workspaceId);
  return { observedRows: rows };
}
