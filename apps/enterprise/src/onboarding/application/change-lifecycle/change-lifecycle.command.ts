import type { TraceContext } from '@valley/messaging';
import type { Identity } from '@valley/platform';
import type { LifecycleAction } from '../../domain/enterprise-lifecycle';

/** An administrator's step in the review workflow or the resident lifecycle. */
export type AdminLifecycleAction = Exclude<LifecycleAction, 'resubmit'>;

export class ChangeLifecycleCommand {
  constructor(
    readonly enterpriseId: string,
    readonly action: AdminLifecycleAction,
    readonly actor: Identity,
    readonly reason?: string,
    /** Only for `exit`: the last day of residence, YYYY-MM-DD. */
    readonly exitDate?: string,
    readonly trace: TraceContext = {},
  ) {}
}
