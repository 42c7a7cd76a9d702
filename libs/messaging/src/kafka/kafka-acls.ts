import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, type Admin, type AclEntry } from 'kafkajs';
import type { KafkaAccess } from '@valley/contracts';

/**
 * The ACL bindings that give a principal exactly its KafkaAccess: READ on the
 * topics it consumes, WRITE on those it produces (each implies DESCRIBE, and
 * WRITE lets an idempotent producer start), READ and DELETE on its own
 * consumer groups. Nothing else: the StandardAuthorizer denies what no ACL allows.
 */
export function aclBindings(access: KafkaAccess): AclEntry[] {
  const principal = `User:${access.username}`;
  const allow = { principal, host: '*', permissionType: AclPermissionTypes.ALLOW };
  const topic = (name: string, operation: AclOperationTypes): AclEntry => ({
    ...allow,
    resourceType: AclResourceTypes.TOPIC,
    resourceName: name,
    resourcePatternType: ResourcePatternTypes.LITERAL,
    operation,
  });
  const group = (operation: AclOperationTypes): AclEntry => ({
    ...allow,
    resourceType: AclResourceTypes.GROUP,
    resourceName: access.groupPrefix,
    resourcePatternType: ResourcePatternTypes.PREFIXED,
    operation,
  });
  return [
    ...access.reads.map((t) => topic(t, AclOperationTypes.READ)),
    ...access.writes.map((t) => topic(t, AclOperationTypes.WRITE)),
    // Its own groups even when it reads nothing yet: a group is only a namespace, READ on a topic is what lets it read.
    group(AclOperationTypes.READ),
    group(AclOperationTypes.DELETE),
  ];
}

/** Removes every ACL that names the principal, whatever resource it is on. */
export async function revokeKafkaAccess(admin: Admin, username: string): Promise<void> {
  await admin.deleteAcls({
    filters: [
      {
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        principal: `User:${username}`,
        host: '*',
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      },
    ],
  });
}

/**
 * Makes a principal's ACLs exactly `access`: grants what is missing first, then
 * deletes only the bindings it should no longer have, so a running client never
 * goes through a moment with fewer rights than either the old or the new set.
 */
export async function setKafkaAccess(admin: Admin, access: KafkaAccess): Promise<void> {
  const wanted = aclBindings(access);
  if (wanted.length > 0) await admin.createAcls({ acl: wanted });
  const key = (b: AclEntry): string => [b.resourceType, b.resourceName, b.resourcePatternType, b.principal, b.host, b.operation, b.permissionType].join('|');
  const keep = new Set(wanted.map(key));
  const held = await admin.describeAcls({
    resourceType: AclResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    principal: `User:${access.username}`,
    host: '*',
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
  });
  const stale = held.resources.flatMap((r) => r.acls.map((a): AclEntry => ({ resourceType: r.resourceType, resourceName: r.resourceName, resourcePatternType: r.resourcePatternType, principal: a.principal, host: a.host, operation: a.operation, permissionType: a.permissionType }))).filter((b) => !keep.has(key(b)));
  if (stale.length > 0) await admin.deleteAcls({ filters: stale });
}

/** ALTER and DESCRIBE on the cluster: what creating SCRAM credentials and ACLs needs, and nothing on any topic. */
export function clusterAdminBindings(username: string): AclEntry[] {
  return [AclOperationTypes.ALTER, AclOperationTypes.DESCRIBE].map((operation) => ({
    principal: `User:${username}`,
    host: '*',
    permissionType: AclPermissionTypes.ALLOW,
    resourceType: AclResourceTypes.CLUSTER,
    resourceName: 'kafka-cluster',
    resourcePatternType: ResourcePatternTypes.LITERAL,
    operation,
  }));
}
