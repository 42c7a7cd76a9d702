import type { Enterprise } from '../../domain/enterprise-application';
import type { EnterpriseStatus } from '../../domain/enterprise-lifecycle';
import { OnboardingError, OnboardingErrorCode } from '../../domain/onboarding.error';

export interface EnterpriseFilter {
  statuses?: EnterpriseStatus[];
  industry?: string;
  nameContains?: string;
  submittedFrom?: Date;
  submittedTo?: Date;
}

export interface PageRequest {
  first: number;
  after?: string;
}

export interface EnterprisePage {
  items: Enterprise[];
  totalCount: number;
  endCursor?: string;
  hasNextPage: boolean;
}

export const MAX_PAGE_SIZE = 100;

export interface Cursor {
  submittedAt: Date;
  id: string;
}

/** Opaque to clients: the sort key of the last item seen. */
export function encodeCursor(enterprise: Pick<Enterprise, 'submittedAt' | 'id'>): string {
  return Buffer.from(`${enterprise.submittedAt.toISOString()}|${enterprise.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): Cursor {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const submittedAt = new Date(at ?? '');
  if (!id || Number.isNaN(submittedAt.getTime())) throw new OnboardingError(OnboardingErrorCode.InvalidInput, 'after: not a cursor this API gave out', 'after');
  return { submittedAt, id };
}

export function checkPage(page: PageRequest): PageRequest {
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_PAGE_SIZE) throw new OnboardingError(OnboardingErrorCode.InvalidInput, `first: must be 1 to ${MAX_PAGE_SIZE}`, 'first');
  return page;
}
