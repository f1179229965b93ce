import {
  BadGatewayException,
  BadRequestException,
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditRepository, type AuditAction } from '../auth/audit.repository.js';
import { actorLabel, type RequestAccess } from '../auth/request-access.js';
import { GraphCallError } from '../meta/graph-call.js';
import { MetaConnections } from '../meta/meta-connections.js';
import { QuarantineService } from '../messenger/quarantine.service.js';
import { ConnectionsGraph, type SeenAccount, type SeenPage, type TokenInfo } from './connections-graph.js';
import { ConnectionsLoader } from './connections.loader.js';
import { ConnectionsRepository, type ConnectionView } from './connections.repository.js';
import type { CreateConnectionBody } from './dto/connection.dto.js';
import { healthOf } from './token-health.js';
import { SecretBox } from './secret-box.js';

/** What a token can see, as shown to the admin before connecting: no token, no page tokens. */
export type ConnectionPreview = {
  kind: TokenInfo['kind'];
  metaUserId: string | null;
  appId: string | null;
  scopes: string[];
  expiresAt: Date | null;
  adAccounts: SeenAccount[];
  pages: { id: string; name: string | null; username: string | null }[];
};

type Seen = { info: TokenInfo; adAccounts: SeenAccount[]; pages: SeenPage[] };

// audit.repository.ts lists auth's own actions; connections record theirs through the same API
const ADDED: AuditAction = 'connection.added';
const REMOVED: AuditAction = 'connection.removed';

/** Meta connections of a workspace: preview a token, connect what it sees, list, disconnect. */
@Injectable()
export class ConnectionsService {
  private readonly logger = new Logger(ConnectionsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: ConnectionsRepository,
    private readonly graph: ConnectionsGraph,
    private readonly box: SecretBox,
    private readonly loader: ConnectionsLoader,
    private readonly connections: MetaConnections,
    private readonly audit: AuditRepository,
    private readonly quarantine: QuarantineService,
  ) {}

  async preview(token: string): Promise<ConnectionPreview> {
    const { info, adAccounts, pages } = await this.see(token);
    return {
      kind: info.kind,
      metaUserId: info.metaUserId,
      appId: info.appId,
      scopes: info.scopes,
      expiresAt: info.expiresAt,
      adAccounts,
      pages: pages.map(({ id, name, username }) => ({ id, name, username })),
    };
  }

  async connect(access: RequestAccess, body: CreateConnectionBody): Promise<ConnectionView> {
    const { workspaceId } = access;
    const seen = await this.see(body.token);
    const accounts = pick(body.adAccountIds, seen.adAccounts, 'adAccountIds', 'an ad account');
    const pages = pick(body.pageIds, seen.pages, 'pageIds', 'a page');
    await this.refuseTakenElsewhere(workspaceId, body.adAccountIds, body.pageIds);
    for (const page of pages) await this.subscribe(page);
    const userId = access.actor.kind === 'user' ? access.actor.userId : null;
    const health = healthOf(seen.info, new Date());
    const view = await this.db
      .transaction(async (m) => {
        const id = await this.repository.insert(m, {
          workspaceId,
          kind: seen.info.kind,
          ciphertext: this.box.seal(body.token, workspaceId),
          last4: body.token.slice(-4),
          metaUserId: seen.info.metaUserId,
          appId: seen.info.appId,
          scopes: seen.info.scopes,
          expiresAt: seen.info.expiresAt,
          status: health.status,
          createdBy: userId,
        });
        for (const a of accounts) await this.repository.connectAccount(m, workspaceId, id, a);
        for (const p of pages) await this.repository.connectPage(m, workspaceId, id, p);
        await this.audit.record(m, {
          workspaceId,
          actor: actorLabel(access.actor),
          actorUserId: userId,
          action: ADDED,
          detail: {
            connectionId: id,
            kind: seen.info.kind,
            last4: body.token.slice(-4),
            adAccountIds: body.adAccountIds,
            pageIds: body.pageIds,
          },
        });
        return (await this.repository.get(m, workspaceId, id))!;
      })
      .catch((error: unknown) => {
        // another request connected the same account or page meanwhile: the unique indexes decide
        if ((error as { code?: string }).code === '23505') throw takenElsewhere();
        throw error;
      });
    await this.loader.reload();
    for (const page of pages) await this.quarantine.releasePage(page.id);
    return view;
  }

  /** Stored connections, then the configured token (META_ACCESS_TOKEN, or the demo's) when it serves this workspace. */
  async list(workspaceId: string): Promise<ConnectionView[]> {
    const stored = await this.repository.list(workspaceId);
    const configured = this.connections.configured().filter((c) => c.workspaceId === workspaceId);
    if (configured.length === 0) return stored;
    const health = await this.repository.configuredHealth(workspaceId);
    const views: ConnectionView[] = [];
    for (const origin of ['configured', 'demo'] as const) {
      const accounts = configured.filter((c) => (c.origin === 'config' ? 'configured' : c.origin) === origin);
      if (accounts.length === 0) continue;
      const h = health.get(origin);
      views.push({
        id: origin,
        origin,
        kind: 'system_user',
        tokenLast4: accounts[0]!.accessToken.slice(-4),
        metaUserId: h?.metaUserId ?? null,
        appId: h?.appId ?? null,
        scopes: h?.scopes ?? [],
        expiresAt: h?.expiresAt ?? null,
        status: h?.status ?? 'unchecked',
        statusDetail:
          h?.statusDetail ??
          (h
            ? null
            : origin === 'demo'
              ? 'The built-in Meta simulator: not checked with debug_token yet.'
              : 'Set by META_ACCESS_TOKEN: not checked with debug_token yet; it is on the token health schedule (TOKEN_HEALTH_CRON).'),
        checkedAt: h?.checkedAt ?? null,
        createdAt: null,
        ...(await this.repository.configuredObjects(
          workspaceId,
          accounts.map((a) => a.accountId),
        )),
      });
    }
    return [...stored, ...views];
  }

  /** Disconnects: the accounts' syncs stop (their data stays), the pages leave the workspace and are unsubscribed best-effort. */
  async disconnect(access: RequestAccess, id: string): Promise<ConnectionView> {
    const { workspaceId } = access;
    const [sealed] = await this.repository.sealed(this.db.manager, id);
    const view = await this.db.transaction(async (m) => {
      const found = await this.repository.get(m, workspaceId, id);
      if (!found) throw new NotFoundException(`id: this workspace has no Meta connection ${id}.`);
      await this.repository.remove(m, workspaceId, id);
      await this.audit.record(m, {
        workspaceId,
        actor: actorLabel(access.actor),
        actorUserId: access.actor.kind === 'user' ? access.actor.userId : null,
        action: REMOVED,
        detail: { connectionId: id, kind: found.kind, last4: found.tokenLast4 },
      });
      return found;
    });
    await this.loader.reload();
    if (sealed) await this.unsubscribeAll(sealed.id, workspaceId, sealed.ciphertext, sealed.kind, sealed.pageIds);
    return view;
  }

  private async see(token: string): Promise<Seen> {
    try {
      const info = await this.graph.debugToken(token);
      if (!info.valid)
        throw new BadRequestException(
          `token: Meta says this token is not valid (${info.error ?? 'no reason given'}); paste a current one.`,
        );
      const adAccounts = info.kind === 'page' ? [] : await this.graph.adAccounts(token);
      const pages = await this.graph.pages(token, info.kind);
      return { info, adAccounts, pages };
    } catch (error) {
      throw graphProblem(error);
    }
  }

  private async refuseTakenElsewhere(workspaceId: string, accountIds: string[], pageIds: string[]): Promise<void> {
    const configured = this.connections
      .all()
      .filter((c) => c.workspaceId !== workspaceId && c.origin !== 'stored')
      .map((c) => c.accountId);
    const accounts = [
      ...accountIds.filter((id) => configured.includes(id)),
      ...(await this.repository.accountsElsewhere(this.db.manager, workspaceId, accountIds)),
    ];
    const pages = await this.repository.pagesElsewhere(this.db.manager, workspaceId, pageIds);
    if (accounts.length > 0 || pages.length > 0) throw takenElsewhere([...new Set([...accounts, ...pages])]);
  }

  private async subscribe(page: SeenPage): Promise<void> {
    if (!page.accessToken)
      throw new BadRequestException(
        `pageIds: Meta gave no page token for page ${page.id}; the token must manage the page.`,
      );
    try {
      await this.graph.subscribe(page.id, page.accessToken);
    } catch (error) {
      throw graphProblem(error, `subscribing page ${page.id} to webhooks`);
    }
  }

  private async unsubscribeAll(
    id: string,
    workspaceId: string,
    sealed: Buffer,
    kind: 'system_user' | 'page',
    pageIds: string[],
  ): Promise<void> {
    if (pageIds.length === 0) return;
    const token = this.loader.open(id, workspaceId, sealed);
    if (!token) return;
    try {
      const pages = await this.graph.pages(token, kind);
      for (const page of pages.filter((p) => pageIds.includes(p.id) && p.accessToken))
        await this.graph.unsubscribe(page.id, page.accessToken!);
    } catch (error) {
      const message = error instanceof GraphCallError ? error.failure.message : 'unexpected error';
      this.logger.warn(`disconnected Meta connection ${id}, but unsubscribing its pages failed: ${message}`);
    }
  }
}

/** The seen items with these ids, in order; an id the token does not see is a 400 naming the parameter. */
function pick<T extends { id: string }>(ids: string[], seen: T[], parameter: string, what: string): T[] {
  return ids.map((id) => {
    const found = seen.find((s) => s.id === id);
    if (!found) throw new BadRequestException(`${parameter}: ${id} is not ${what} this token can see.`);
    return found;
  });
}

function takenElsewhere(ids: string[] = []): ConflictException {
  const which = ids.length > 0 ? ` (${ids.join(', ')})` : '';
  return new ConflictException(
    `An ad account or page${which} is already connected to another workspace; disconnect it there first.`,
  );
}

/** A Graph failure as the admin should read it: a refused token is their input (400), anything else Meta's side (502). */
function graphProblem(error: unknown, doing = 'reading what the token can see'): unknown {
  if (!(error instanceof GraphCallError)) return error;
  if (error.failure.kind === 'token-invalid')
    return new BadRequestException(`token: Meta refused this token (${error.failure.message}); paste a current one.`);
  return new BadGatewayException(
    `Meta did not answer while ${doing}: ${error.failure.message}. Try again in a moment.`,
  );
}
