import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parkDateOf, parkMonthOf } from '@valley/contracts';
import { OutboxWriter } from '@valley/messaging';
import type { Enterprise } from '../../domain/enterprise-application';
import { checkReason, nextStatus } from '../../domain/enterprise-lifecycle';
import { OnboardingError, OnboardingErrorCode } from '../../domain/onboarding.error';
import { lockVisible, recordDecision, saveEnterprise } from '../enterprise-store';
import { ChangeLifecycleCommand } from './change-lifecycle.command';
import { lifecycleEvent } from './lifecycle-events';

const MAX_EXIT_AHEAD_DAYS = 366;

/**
 * One administrator step: lock the enterprise, check the lifecycle allows it,
 * change it, keep the decision, publish its event — all in one transaction,
 * so a refused step changes and publishes nothing.
 */
@Injectable()
export class ChangeLifecycleHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: ChangeLifecycleCommand): Promise<Enterprise> {
    if (command.actor.role !== 'park-admin') throw new OnboardingError(OnboardingErrorCode.Forbidden, `only park administrators may ${command.action} an enterprise`);
    const reason = checkReason(command.action, command.reason);
    return this.dataSource.transaction(async (manager) => {
      const before = await lockVisible(manager, command.enterpriseId, command.actor);
      const status = nextStatus(before.status, command.action);
      const at = new Date();
      const after: Enterprise = { ...before, status, updatedAt: at, ...this.stepFields(command, before, at) };
      await saveEnterprise(manager, after);
      await recordDecision(manager, { enterpriseId: after.id, action: command.action, from: before.status, to: status, actor: command.actor, ...(reason ? { reason } : {}), at });
      const event = lifecycleEvent(command.action, after, reason, at);
      if (event) await this.outbox.publishAll(manager, [event], command.trace);
      return after;
    });
  }

  private stepFields(command: ChangeLifecycleCommand, before: Enterprise, at: Date): Partial<Enterprise> {
    switch (command.action) {
      case 'take-into-review':
        return { reviewerSubject: command.actor.subject };
      case 'approve':
        return { admittedMonth: parkMonthOf(at) };
      case 'exit':
        return { exitDate: this.checkExitDate(command.exitDate, before, at) };
      default:
        return {};
    }
  }

  private checkExitDate(exitDate: string | undefined, before: Enterprise, at: Date): string {
    const invalid = (why: string): never => {
      throw new OnboardingError(OnboardingErrorCode.InvalidInput, `exitDate: ${why}`, 'exitDate');
    };
    if (!exitDate) return invalid('exit needs the date of exit');
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(exitDate) ? new Date(`${exitDate}T00:00:00Z`) : undefined;
    if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== exitDate) return invalid('must be a calendar date, YYYY-MM-DD');
    if (before.admittedMonth && exitDate < `${before.admittedMonth}-01`) return invalid(`must not be before admission (${before.admittedMonth})`);
    const latest = parkDateOf(new Date(at.getTime() + MAX_EXIT_AHEAD_DAYS * 86_400_000));
    if (exitDate > latest) return invalid(`must be within a year from today (at most ${latest})`);
    return exitDate;
  }
}
