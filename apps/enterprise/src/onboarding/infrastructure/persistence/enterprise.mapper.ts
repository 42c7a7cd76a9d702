import type { EnterpriseApplication, EnterpriseStatus } from '../../domain/enterprise-application';
import { EnterpriseEntity } from './enterprise.entity';

export function toEntity(application: EnterpriseApplication): EnterpriseEntity {
  return Object.assign(new EnterpriseEntity(), {
    ...application,
    registeredCapitalFen: application.registeredCapitalFen.toString(),
    plannedMonthlyTrafficBytes: application.plannedMonthlyTrafficBytes.toString(),
    version: 1,
  });
}

export function toDomain(entity: EnterpriseEntity): EnterpriseApplication {
  return {
    ...entity,
    status: entity.status as EnterpriseStatus,
    registeredCapitalFen: BigInt(entity.registeredCapitalFen),
    plannedMonthlyTrafficBytes: BigInt(entity.plannedMonthlyTrafficBytes),
  };
}
