import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messenger: connected pages, the raw webhook log (server-level: one delivery can span pages of
 * several workspaces), the quarantine for pages no workspace connected, normalised events,
 * contacts with their touches, conversion rules and conversions.
 */
export class Messenger1764237600000 implements MigrationInterface {
  name = 'Messenger1764237600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workspace
      ADD COLUMN attribution_model text NOT NULL DEFAULT 'first_touch' CHECK (attribution_model IN ('first_touch', 'last_touch')),
      ADD COLUMN attribution_window_days int NOT NULL DEFAULT 7 CHECK (attribution_window_days BETWEEN 1 AND 90)`);
    await q.query(`
      CREATE TABLE messenger_page (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        page_id text NOT NULL CHECK (page_id ~ '^[0-9]+$'),
        name text,
        username text,
        connected_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, page_id)
      )`);
    // a page's webhooks belong to exactly one workspace
    await q.query(`CREATE UNIQUE INDEX messenger_page_page_id ON messenger_page (page_id)`);
    await q.query(`
      CREATE TABLE webhook_delivery (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        received_at timestamptz NOT NULL DEFAULT now(),
        body bytea NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processed', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        events int,
        processed_at timestamptz,
        error text
      )`);
    await q.query(`CREATE INDEX webhook_delivery_pending ON webhook_delivery (id) WHERE status = 'pending'`);
    await q.query(`
      CREATE TABLE webhook_quarantine (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id bigint NOT NULL REFERENCES webhook_delivery(id) ON DELETE CASCADE,
        page_id text,
        reason text NOT NULL CHECK (reason IN ('page_not_connected', 'unknown_shape')),
        item jsonb NOT NULL,
        detail text,
        received_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX webhook_quarantine_page ON webhook_quarantine (page_id, received_at)`);
    await q.query(`
      CREATE TABLE messenger_event (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        event_id text NOT NULL,
        page_id text NOT NULL,
        kind text NOT NULL,
        person_key text,
        time timestamptz NOT NULL,
        delivery_id bigint,
        event jsonb NOT NULL,
        PRIMARY KEY (workspace_id, event_id)
      )`);
    await q.query(`CREATE INDEX messenger_event_person ON messenger_event (workspace_id, page_id, person_key, time)`);
    await q.query(`CREATE INDEX messenger_event_kind_time ON messenger_event (workspace_id, kind, time)`);
    await q.query(`
      CREATE TABLE contact (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        page_id text NOT NULL,
        person_key text NOT NULL,
        psid text,
        user_refs text[] NOT NULL DEFAULT '{}',
        first_seen_at timestamptz NOT NULL,
        first_touch_event text NOT NULL,
        first_source text NOT NULL,
        first_ref text,
        first_ad_id text,
        inbound_messages int NOT NULL DEFAULT 0,
        last_inbound_at timestamptz,
        blocked_at timestamptz,
        unreachable_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, page_id, person_key)
      )`);
    await q.query(`CREATE INDEX contact_first_seen ON contact (workspace_id, first_seen_at)`);
    await q.query(`
      CREATE TABLE contact_touch (
        workspace_id uuid NOT NULL,
        event_id text NOT NULL,
        page_id text NOT NULL,
        person_key text NOT NULL,
        source text NOT NULL,
        time timestamptz NOT NULL,
        ref text,
        ad_id text,
        ad_title text,
        referer_uri text,
        opens_thread boolean NOT NULL,
        PRIMARY KEY (workspace_id, event_id),
        FOREIGN KEY (workspace_id, page_id, person_key) REFERENCES contact ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX contact_touch_person ON contact_touch (workspace_id, page_id, person_key, time)`);
    await q.query(`
      CREATE TABLE conversion_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('payload', 'keyword')),
        pattern text NOT NULL,
        value numeric(16, 2),
        currency text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE conversion (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        page_id text NOT NULL,
        person_key text,
        external_id text,
        event_name text NOT NULL,
        value numeric(16, 2),
        currency text,
        time timestamptz NOT NULL,
        origin text NOT NULL CHECK (origin IN ('rule', 'api')),
        idempotency_key text NOT NULL,
        rule_id uuid REFERENCES conversion_rule(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX conversion_person ON conversion (workspace_id, page_id, person_key, time)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'conversion',
      'conversion_rule',
      'contact_touch',
      'contact',
      'messenger_event',
      'webhook_quarantine',
      'webhook_delivery',
      'messenger_page',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`ALTER TABLE workspace DROP COLUMN attribution_window_days, DROP COLUMN attribution_model`);
  }
}
