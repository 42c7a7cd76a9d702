import type { Enterprise } from '../../domain/enterprise-application';
import type { EnterpriseStatus } from '../../domain/enterprise-lifecycle';
import { EnterpriseEntity } from './enterprise.entity';

export function toEntity(enterprise: Enterprise): EnterpriseEntity {
  return Object.assign(new EnterpriseEntity(), {
    ...enterprise,
    registeredCapitalFen: enterprise.registeredCapitalFen.toString(),
    plannedMonthlyTrafficBytes: enterprise.plannedMonthlyTrafficBytes.toString(),
    reviewerSubject: enterprise.reviewerSubject ?? null,
    admittedMonth: enterprise.admittedMonth ?? null,
    exitDate: enterprise.exitDate ?? null,
  });
}

export function toDomain(entity: EnterpriseEntity): Enterprise {
  return {
    id: entity.id,
    uscc: entity.uscc,
    name: entity.name,
    legalRepresentative: entity.legalRepresentative,
    contactPhone: entity.contactPhone,
    contactEmail: entity.contactEmail,
    industry: entity.industry,
    registeredCapitalFen: BigInt(entity.registeredCapitalFen),
    plannedBandwidthMbps: entity.plannedBandwidthMbps,
    plannedMonthlyTrafficBytes: BigInt(entity.plannedMonthlyTrafficBytes),
    headcount: entity.headcount,
    status: entity.status as EnterpriseStatus,
    applicantSubject: entity.applicantSubject,
    ...(entity.reviewerSubject ? { reviewerSubject: entity.reviewerSubject } : {}),
    ...(entity.admittedMonth ? { admittedMonth: entity.admittedMonth } : {}),
    ...(entity.exitDate ? { exitDate: entity.exitDate } : {}),
    submittedAt: entity.submittedAt,
    updatedAt: entity.updatedAt,
  };
}
