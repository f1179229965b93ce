import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { AuditRepository, fieldChanges, type AuditAction } from '../auth/audit.repository.js';
import { actorLabel, type RequestAccess } from '../auth/request-access.js';
import type { CreateLinkBody, UpdateLinkBody } from './dto/link.dto.js';
import { LinksRepository, type LinkFields, type LinkRow } from './links.repository.js';
import { mmeUrl, qrFileName } from './ref-rules.js';
import { renderQr, type QrFormat } from './qr.js';

/** A registered link as the API shows it, with the m.me URL to hand out. */
export type LinkView = Omit<LinkRow, 'pageUsername'> & { url: string };
/** A page a link can open, with its bare m.me URL. */
export type LinkPage = { id: string; name: string | null; username: string | null; url: string };
export type QrFile = { body: Buffer; fileName: string; contentType: string };

const UNIQUE_VIOLATION = '23505';

/** Registered m.me ref links: a label, campaign tag and note per page and ref; writes audited. */
@Injectable()
export class LinksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly links: LinksRepository,
    private readonly audit: AuditRepository,
  ) {}

  async list(workspaceId: string): Promise<LinkView[]> {
    return (await this.links.list(workspaceId)).map(view);
  }

  async pages(workspaceId: string): Promise<LinkPage[]> {
    return (await this.links.pages(workspaceId)).map((p) => ({
      ...p,
      url: `https://m.me/${encodeURIComponent(p.username ?? p.id)}`,
    }));
  }

  async create(access: RequestAccess, body: CreateLinkBody): Promise<LinkView> {
    const fields: LinkFields = {
      pageId: body.pageId,
      ref: body.ref,
      label: body.label,
      campaignTag: body.campaignTag ?? null,
      note: body.note ?? null,
    };
    return this.write(fields, async (m) => {
      await this.checkFree(m, access.workspaceId, fields);
      const userId = access.actor.kind === 'user' ? access.actor.userId : null;
      const id = await this.links.create(m, access.workspaceId, fields, userId);
      await this.record(m, access, 'link.created', { linkId: id, pageId: fields.pageId, ref: fields.ref });
      return id;
    }).then((id) => this.get(access.workspaceId, id));
  }

  async update(access: RequestAccess, id: string, body: UpdateLinkBody): Promise<LinkView> {
    const before = await this.get(access.workspaceId, id);
    const fields: LinkFields = {
      pageId: body.pageId ?? before.pageId,
      ref: body.ref ?? before.ref,
      label: body.label ?? before.label,
      campaignTag: body.campaignTag === undefined ? before.campaignTag : body.campaignTag,
      note: body.note === undefined ? before.note : body.note,
    };
    await this.write(fields, async (m) => {
      await this.checkFree(m, access.workspaceId, fields, id);
      await this.links.update(m, access.workspaceId, id, fields);
      await this.record(m, access, 'link.updated', { linkId: id, ...fieldChanges(before, fields) });
    });
    return this.get(access.workspaceId, id);
  }

  async remove(access: RequestAccess, id: string): Promise<LinkView> {
    const link = await this.get(access.workspaceId, id);
    await this.db.transaction(async (m) => {
      await this.links.remove(m, access.workspaceId, id);
      await this.record(m, access, 'link.deleted', {
        linkId: id,
        pageId: link.pageId,
        ref: link.ref,
        label: link.label,
      });
    });
    return link;
  }

  /** The link's QR code: the m.me URL, error correction Q (M when too long for Q), a 4-module quiet zone. */
  async qr(workspaceId: string, id: string, format: QrFormat): Promise<QrFile> {
    const row = await this.links.get(workspaceId, id);
    if (!row) throw notFound(id);
    const page = { pageId: row.pageId, username: row.pageUsername };
    return {
      body: await renderQr(mmeUrl(page, row.ref), format),
      fileName: qrFileName(page, row.ref, format),
      contentType: format === 'png' ? 'image/png' : 'image/svg+xml',
    };
  }

  async get(workspaceId: string, id: string): Promise<LinkView> {
    const row = await this.links.get(workspaceId, id);
    if (!row) throw notFound(id);
    return view(row);
  }

  /** A page of the workspace, and a (page, ref) no other link of it has. */
  private async checkFree(m: EntityManager, workspaceId: string, link: LinkFields, except?: string): Promise<void> {
    if (!(await this.links.pages(workspaceId, m)).some((p) => p.id === link.pageId))
      throw new NotFoundException(`pageId: ${link.pageId} is not a page of this workspace.`);
    if (await this.links.findByRef(m, workspaceId, link.pageId, link.ref, except)) throw duplicate(link);
  }

  /** Runs a write in a transaction; two writers racing for one (page, ref) get the same 409 as the loser of a check. */
  private async write<T>(link: LinkFields, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(fn);
    } catch (error) {
      const code = (error as QueryFailedError & { driverError?: { code?: string } }).driverError?.code;
      if (error instanceof QueryFailedError && code === UNIQUE_VIOLATION) throw duplicate(link);
      throw error;
    }
  }

  private record(m: EntityManager, access: RequestAccess, action: AuditAction, detail: object): Promise<void> {
    return this.audit.record(m, {
      workspaceId: access.workspaceId,
      actor: actorLabel(access.actor),
      actorUserId: access.actor.kind === 'user' ? access.actor.userId : null,
      action,
      detail,
    });
  }
}

function view({ pageUsername, ...row }: LinkRow): LinkView {
  return { ...row, url: mmeUrl({ pageId: row.pageId, username: pageUsername }, row.ref) };
}

const notFound = (id: string) => new NotFoundException(`id: this workspace has no link ${id}.`);

const duplicate = (link: LinkFields) =>
  new ConflictException(
    `ref: page ${link.pageId} already has a link with the ref ${link.ref}: edit that link, or choose another ref.`,
  );
