import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, type SelectQueryBuilder } from 'typeorm';
import { isAdmin, type Identity } from '@valley/platform';
import type { Enterprise } from '../../domain/enterprise-application';
import type { EnterpriseStatus } from '../../domain/enterprise-lifecycle';
import { EnterpriseDecisionEntity } from '../../infrastructure/persistence/enterprise-decision.entity';
import { EnterpriseEntity } from '../../infrastructure/persistence/enterprise.entity';
import { toDomain } from '../../infrastructure/persistence/enterprise.mapper';
import { canSee } from '../enterprise-access';
import { notFound } from '../enterprise-store';
import { checkPage, decodeCursor, encodeCursor, type EnterpriseFilter, type EnterprisePage, type PageRequest } from './enterprise-page';
import { OnboardingError, OnboardingErrorCode } from '../../domain/onboarding.error';

export interface Decision {
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorSubject: string;
  actorRole: string;
  reason: string | null;
  decidedAt: Date;
}

export interface StatusIndustryCount {
  status: EnterpriseStatus;
  industry: string;
  count: number;
}

/** The review queue: applications waiting for a reviewer or with one, longest waiting first. */
const QUEUE_STATUSES: EnterpriseStatus[] = ['submitted', 'under_review'];

/** Reads, each scoped to what the caller may see. */
@Injectable()
export class EnterpriseQueries {
  constructor(private readonly dataSource: DataSource) {}

  async byId(id: string, identity: Identity): Promise<Enterprise> {
    const entity = /^[0-9a-f-]{36}$/i.test(id) ? await this.dataSource.getRepository(EnterpriseEntity).findOneBy({ id }) : null;
    if (!entity || !canSee(identity, entity)) throw notFound(id);
    return toDomain(entity);
  }

  /** The live record (or the latest one) holding a code. */
  async byUscc(uscc: string, identity: Identity): Promise<Enterprise> {
    const entity = await this.dataSource.getRepository(EnterpriseEntity).findOne({ where: { uscc: uscc.trim().toUpperCase() }, order: { submittedAt: 'DESC' } });
    if (!entity || !canSee(identity, entity)) throw new OnboardingError(OnboardingErrorCode.NotFound, `no enterprise with uscc ${uscc}`, 'uscc');
    return toDomain(entity);
  }

  async history(id: string, identity: Identity): Promise<Decision[]> {
    await this.byId(id, identity);
    return this.dataSource.getRepository(EnterpriseDecisionEntity).find({ where: { enterpriseId: id }, order: { id: 'ASC' } });
  }

  async list(filter: EnterpriseFilter, page: PageRequest, identity: Identity): Promise<EnterprisePage> {
    return this.page(this.filtered(filter, identity), checkPage(page), 'DESC');
  }

  async reviewQueue(page: PageRequest, identity: Identity): Promise<EnterprisePage> {
    this.requireAdmin(identity);
    return this.page(this.filtered({ statuses: QUEUE_STATUSES }, identity), checkPage(page), 'ASC');
  }

  async countsByStatusAndIndustry(identity: Identity): Promise<StatusIndustryCount[]> {
    this.requireAdmin(identity);
    const rows: Array<{ status: EnterpriseStatus; industry: string; count: string }> = await this.dataSource
      .getRepository(EnterpriseEntity)
      .createQueryBuilder('e')
      .select(['e.status AS status', 'e.industry AS industry', 'count(*) AS count'])
      .groupBy('e.status')
      .addGroupBy('e.industry')
      .orderBy('e.status')
      .addOrderBy('e.industry')
      .getRawMany();
    return rows.map((r) => ({ status: r.status, industry: r.industry, count: Number(r.count) }));
  }

  private requireAdmin(identity: Identity): void {
    if (!isAdmin(identity)) throw new OnboardingError(OnboardingErrorCode.Forbidden, 'only park administrators see this');
  }

  private filtered(filter: EnterpriseFilter, identity: Identity): SelectQueryBuilder<EnterpriseEntity> {
    const q = this.dataSource.getRepository(EnterpriseEntity).createQueryBuilder('e');
    if (!isAdmin(identity)) {
      // An enterprise user's list holds its own enterprise and its own applications, nothing else.
      q.andWhere(new Brackets((b) => b.where('e.applicant_subject = :subject', { subject: identity.subject }).orWhere('e.id = :own', { own: identity.enterpriseId ?? '00000000-0000-0000-0000-000000000000' })));
    }
    if (filter.statuses?.length) q.andWhere('e.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.industry) q.andWhere('e.industry = :industry', { industry: filter.industry });
    if (filter.nameContains) q.andWhere(`e.name ILIKE :name ESCAPE '\\'`, { name: `%${filter.nameContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (filter.submittedFrom) q.andWhere('e.submitted_at >= :from', { from: filter.submittedFrom });
    if (filter.submittedTo) q.andWhere('e.submitted_at < :to', { to: filter.submittedTo });
    return q;
  }

  private async page(q: SelectQueryBuilder<EnterpriseEntity>, page: PageRequest, direction: 'ASC' | 'DESC'): Promise<EnterprisePage> {
    const totalCount = await q.clone().getCount();
    if (page.after) {
      const cursor = decodeCursor(page.after);
      const op = direction === 'ASC' ? '>' : '<';
      q.andWhere(`(e.submitted_at, e.id) ${op} (:at, :id)`, { at: cursor.submittedAt, id: cursor.id });
    }
    const rows = await q.orderBy('e.submitted_at', direction).addOrderBy('e.id', direction).take(page.first + 1).getMany();
    const items = rows.slice(0, page.first).map(toDomain);
    const last = items[items.length - 1];
    return { items, totalCount, hasNextPage: rows.length > page.first, ...(last ? { endCursor: encodeCursor(last) } : {}) };
  }
}
