import type { Enterprise } from '../../domain/enterprise-application';
import type { Decision } from '../../application/enterprise-queries/enterprise-queries';
import { EnterpriseDecisionType, EnterpriseStatusGql, EnterpriseType } from './enterprise.type';

export function toEnterpriseType(enterprise: Enterprise): EnterpriseType {
  return {
    id: enterprise.id,
    uscc: enterprise.uscc,
    name: enterprise.name,
    legalRepresentative: enterprise.legalRepresentative,
    contactPhone: enterprise.contactPhone,
    contactEmail: enterprise.contactEmail,
    industry: enterprise.industry,
    status: enterprise.status as EnterpriseStatusGql,
    registeredCapitalFen: enterprise.registeredCapitalFen.toString(),
    plannedBandwidthMbps: enterprise.plannedBandwidthMbps,
    plannedMonthlyTrafficBytes: enterprise.plannedMonthlyTrafficBytes.toString(),
    headcount: enterprise.headcount,
    ...(enterprise.reviewerSubject ? { reviewerSubject: enterprise.reviewerSubject } : {}),
    ...(enterprise.admittedMonth ? { admittedMonth: enterprise.admittedMonth } : {}),
    ...(enterprise.exitDate ? { exitDate: enterprise.exitDate } : {}),
    submittedAt: enterprise.submittedAt,
    updatedAt: enterprise.updatedAt,
  };
}

export function toDecisionType(decision: Decision): EnterpriseDecisionType {
  return {
    action: decision.action,
    ...(decision.fromStatus ? { fromStatus: decision.fromStatus as EnterpriseStatusGql } : {}),
    toStatus: decision.toStatus as EnterpriseStatusGql,
    actorSubject: decision.actorSubject,
    actorRole: decision.actorRole,
    ...(decision.reason ? { reason: decision.reason } : {}),
    decidedAt: decision.decidedAt,
  };
}
