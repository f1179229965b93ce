import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** A link as stored, with its page's name and username when the page is (still) connected. */
export type LinkRow = {
  id: string;
  pageId: string;
  pageName: string | null;
  pageUsername: string | null;
  ref: string;
  label: string;
  campaignTag: string | null;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
};

export type PageRow = { id: string; name: string | null; username: string | null };

export type LinkFields = {
  pageId: string;
  ref: string;
  label: string;
  campaignTag: string | null;
  note: string | null;
};

const VIEW = `l.id, l.page_id AS "pageId", p.name AS "pageName", p.username AS "pageUsername", l.ref, l.label,
  l.campaign_tag AS "campaignTag", l.note, l.created_at AS "createdAt", l.updated_at AS "updatedAt", u.email AS "createdBy"`;
const FROM = `ref_link l
  LEFT JOIN messenger_page p ON p.workspace_id = l.workspace_id AND p.page_id = l.page_id
  LEFT JOIN app_user u ON u.id = l.created_by`;

/** ref_link: the workspace's registered m.me links, unique by page and ref. */
@Injectable()
export class LinksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(workspaceId: string): Promise<LinkRow[]> {
    return (await this.db.query(
      `SELECT ${VIEW} FROM ${FROM} WHERE l.workspace_id = $1 ORDER BY l.created_at DESC, l.id`,
      [workspaceId],
    )) as LinkRow[];
  }

  async get(workspaceId: string, id: string, m: EntityManager = this.db.manager): Promise<LinkRow | undefined> {
    const [row] = await m.query(`SELECT ${VIEW} FROM ${FROM} WHERE l.workspace_id = $1 AND l.id = $2`, [
      workspaceId,
      id,
    ]);
    return row as LinkRow | undefined;
  }

  /** The link of this page and ref, if the workspace has one (other than `except`). */
  async findByRef(
    m: EntityManager,
    workspaceId: string,
    pageId: string,
    ref: string,
    except?: string,
  ): Promise<string | undefined> {
    const [row] = await m.query(
      `SELECT id FROM ref_link WHERE workspace_id = $1 AND page_id = $2 AND ref = $3 AND id IS DISTINCT FROM $4`,
      [workspaceId, pageId, ref, except ?? null],
    );
    return (row as { id: string } | undefined)?.id;
  }

  async create(m: EntityManager, workspaceId: string, link: LinkFields, createdBy: string | null): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO ref_link (workspace_id, page_id, ref, label, campaign_tag, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [workspaceId, link.pageId, link.ref, link.label, link.campaignTag, link.note, createdBy],
    );
    return id as string;
  }

  async update(m: EntityManager, workspaceId: string, id: string, link: LinkFields): Promise<void> {
    await m.query(
      `UPDATE ref_link SET page_id = $3, ref = $4, label = $5, campaign_tag = $6, note = $7, updated_at = now()
       WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id, link.pageId, link.ref, link.label, link.campaignTag, link.note],
    );
  }

  async remove(m: EntityManager, workspaceId: string, id: string): Promise<void> {
    await m.query(`DELETE FROM ref_link WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
  }

  /** The workspace's Messenger pages: a link can open any of them. */
  async pages(workspaceId: string, m: EntityManager = this.db.manager): Promise<PageRow[]> {
    return (await m.query(
      `SELECT page_id AS id, name, username FROM messenger_page WHERE workspace_id = $1 ORDER BY name NULLS LAST, page_id`,
      [workspaceId],
    )) as PageRow[];
  }
}
