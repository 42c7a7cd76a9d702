import type { TraceContext } from '@valley/messaging';
import type { ApplicationDetails } from '../../domain/enterprise-application';

export class SubmitApplicationCommand {
  constructor(
    readonly details: ApplicationDetails,
    readonly trace: TraceContext = {},
  ) {}
}
