import { Injectable, SetMetadata, createParamDecorator, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { IDENTITY_HEADER, verifyIdentity, type IdentityCheck } from './forwarded-identity';
import type { Identity, Role } from './identity';

const ROLES_KEY = 'valley:roles';

/** The roles allowed to call a resolver; without it, any verified identity may. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

export interface IdentityContext {
  req: { headers: Record<string, string | string[] | undefined> };
  identity: IdentityCheck;
}

/**
 * The GraphQL context of every operation: the forwarded identity verified once,
 * before any resolver runs (federation's entity lookups included).
 */
export function identityContext(secret: string): (args: { req: IdentityContext['req'] }) => IdentityContext {
  return ({ req }) => {
    const header = req.headers[IDENTITY_HEADER];
    return { req, identity: verifyIdentity(Array.isArray(header) ? header[0] : header, secret) };
  };
}

/** The verified identity in a GraphQL context; UNAUTHENTICATED when there is none. */
export function identityOf(context: Partial<IdentityContext>): Identity {
  return verified(context.identity);
}

function verified(check: IdentityCheck | undefined): Identity {
  if (!check?.ok) throw new GraphQLError(`Not authenticated: ${check?.reason ?? 'no forwarded identity'}`, { extensions: { code: 'UNAUTHENTICATED' } });
  return check.identity;
}

function contextOf(context: ExecutionContext): Partial<IdentityContext> {
  return GqlExecutionContext.create(context).getContext<Partial<IdentityContext>>();
}

/**
 * Every GraphQL field needs the identity the gateway forwards, signed: calling
 * a subgraph directly does not bypass authorisation. HTTP endpoints (health,
 * metrics) are not GraphQL and pass.
 */
@Injectable()
export class IdentityGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const identity = verified(contextOf(context).identity);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (roles && !roles.includes(identity.role)) {
      throw new GraphQLError(`Forbidden: this needs the role ${roles.join(' or ')}`, { extensions: { code: 'FORBIDDEN' } });
    }
    return true;
  }
}

/** The verified identity of the caller; UNAUTHENTICATED when there is none. */
export const CurrentIdentity = createParamDecorator((_data: unknown, context: ExecutionContext): Identity => verified(contextOf(context).identity));
