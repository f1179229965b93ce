import { Injectable } from '@nestjs/common';
import { matchConversionRule, type MessengerEvent } from '@ctm/attribution';
import type { EntityManager } from 'typeorm';
import { MessengerRepository, type ConversionRuleRow } from './messenger.repository.js';

/** Applies a workspace's conversion rules (payload patterns, keywords) to a new inbound event. */
@Injectable()
export class ConversionMatcher {
  /** Rules read once per transaction (one delivery), not once per event. */
  private readonly rulesByTransaction = new WeakMap<EntityManager, Map<string, ConversionRuleRow[]>>();

  constructor(private readonly repo: MessengerRepository) {}

  async fromEvent(m: EntityManager, workspaceId: string, event: MessengerEvent, personKey: string): Promise<void> {
    if (event.kind !== 'message' && event.kind !== 'postback') return;
    const rules = await this.rules(m, workspaceId);
    if (rules.length === 0) return;
    const candidates = rules.map((r) =>
      r.kind === 'payload'
        ? { kind: 'payload' as const, pattern: r.pattern, row: r }
        : { kind: 'keyword' as const, keyword: r.pattern, row: r },
    );
    const matched = matchConversionRule(event, candidates);
    if (matched) await this.repo.insertRuleConversion(m, workspaceId, matched.row, event, personKey);
  }

  private async rules(m: EntityManager, workspaceId: string): Promise<ConversionRuleRow[]> {
    let byWorkspace = this.rulesByTransaction.get(m);
    if (!byWorkspace) this.rulesByTransaction.set(m, (byWorkspace = new Map()));
    let rules = byWorkspace.get(workspaceId);
    if (!rules) byWorkspace.set(workspaceId, (rules = await this.repo.conversionRules(m, workspaceId)));
    return rules;
  }
}
