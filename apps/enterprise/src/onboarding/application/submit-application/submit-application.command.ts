import type { TraceContext } from '@valley/messaging';
import type { Identity } from '@valley/platform';
import type { ApplicationDetails } from '../../domain/enterprise-application';

export class SubmitApplicationCommand {
  constructor(
    readonly details: ApplicationDetails,
    readonly applicant: Identity,
    readonly trace: TraceContext = {},
  ) {}
}
