import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRepository, fieldChanges, type AuditAction } from '../auth/audit.repository.js';
import { actorLabel, type RequestAccess } from '../auth/request-access.js';
import type { CreateConversionRuleBody, UpdateConversionRuleBody } from './dto/conversion-rule.dto.js';
import {
  ConversionRulesRepository,
  type ConversionRuleFields,
  type ConversionRuleView,
} from './conversion-rules.repository.js';

/**
 * A workspace's conversion rules. Processing reads them once per webhook delivery, so a change applies
 * to messages processed after it; conversions already counted stay as they were.
 */
@Injectable()
export class ConversionRulesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rules: ConversionRulesRepository,
    private readonly audit: AuditRepository,
  ) {}

  list(workspaceId: string): Promise<ConversionRuleView[]> {
    return this.rules.list(workspaceId);
  }

  async create(access: RequestAccess, body: CreateConversionRuleBody): Promise<ConversionRuleView> {
    const fields: ConversionRuleFields = {
      name: body.name,
      kind: body.kind,
      pattern: body.pattern,
      value: body.value ?? null,
      currency: body.currency ?? null,
    };
    const id = await this.db.transaction(async (m) => {
      const created = await this.rules.create(m, access.workspaceId, fields);
      await this.record(m, access, 'conversion_rule.created', { ruleId: created, ...fields });
      return created;
    });
    return this.get(access.workspaceId, id);
  }

  async update(access: RequestAccess, id: string, body: UpdateConversionRuleBody): Promise<ConversionRuleView> {
    const before = await this.get(access.workspaceId, id);
    const fields: ConversionRuleFields = {
      name: body.name ?? before.name,
      kind: body.kind ?? before.kind,
      pattern: body.pattern ?? before.pattern,
      value: body.value === undefined ? before.value : body.value,
      currency: body.currency === undefined ? before.currency : body.currency,
    };
    if ((fields.value === null) !== (fields.currency === null))
      throw new BadRequestException(
        'currency: value and currency go together: give both (e.g. 45 and EUR) or neither (null and null)',
      );
    await this.db.transaction(async (m) => {
      await this.rules.update(m, access.workspaceId, id, fields);
      await this.record(m, access, 'conversion_rule.updated', { ruleId: id, ...fieldChanges(before, fields) });
    });
    return this.get(access.workspaceId, id);
  }

  async remove(access: RequestAccess, id: string): Promise<ConversionRuleView> {
    const rule = await this.get(access.workspaceId, id);
    await this.db.transaction(async (m) => {
      await this.rules.remove(m, access.workspaceId, id);
      await this.record(m, access, 'conversion_rule.deleted', {
        ruleId: id,
        name: rule.name,
        kind: rule.kind,
        pattern: rule.pattern,
      });
    });
    return rule;
  }

  private async get(workspaceId: string, id: string): Promise<ConversionRuleView> {
    const rule = await this.rules.get(workspaceId, id);
    if (!rule) throw new NotFoundException(`id: this workspace has no conversion rule ${id}.`);
    return rule;
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
