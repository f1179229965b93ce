import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type WorkspaceRow = { id: string; slug: string; name: string; timeZone: string };

@Injectable()
export class WorkspacesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The workspace with this slug, created on first use (config-connected accounts and the demo need one). */
  async ensure(slug: string, name: string, timeZone = 'UTC'): Promise<WorkspaceRow> {
    const [row] = await this.db.query(
      `INSERT INTO workspace (slug, name, time_zone) VALUES ($1, $2, $3)
       ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug
       RETURNING id, slug, name, time_zone AS "timeZone"`,
      [slug, name, timeZone],
    );
    return row as WorkspaceRow;
  }

  async bySlug(slug: string): Promise<WorkspaceRow | undefined> {
    const [row] = await this.db.query(`SELECT id, slug, name, time_zone AS "timeZone" FROM workspace WHERE slug = $1`, [
      slug,
    ]);
    return row as WorkspaceRow | undefined;
  }
}
