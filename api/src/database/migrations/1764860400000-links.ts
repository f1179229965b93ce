import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registered ref links: an m.me link (or the QR code that carries it) of one of the workspace's pages,
 * with a label, a campaign tag and a note. Performance still comes from observed contacts (by page and
 * ref); a link only names them. No foreign key to messenger_page: a page disconnected and connected
 * again keeps its links, as its contacts stay.
 */
export class Links1764860400000 implements MigrationInterface {
  name = 'Links1764860400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ref_link (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        page_id text NOT NULL CHECK (page_id ~ '^[0-9]+$'),
        ref text NOT NULL CHECK (ref ~ '^[A-Za-z0-9_=-]+$' AND length(ref) <= 2083),
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
        campaign_tag text CHECK (length(campaign_tag) <= 100),
        note text CHECK (length(note) <= 2000),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ref_link_page_ref UNIQUE (workspace_id, page_id, ref)
      )`);
    await q.query(`CREATE INDEX ref_link_workspace ON ref_link (workspace_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ref_link`);
  }
}
