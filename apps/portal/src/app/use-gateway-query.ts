import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from './session-context';

export interface QueryState<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload(): void;
}

/**
 * One GraphQL query's state, re-run when the variables change or on reload();
 * the answer of an older run never overwrites a newer one.
 */
export function useGatewayQuery<T>(query: string, variables: Record<string, unknown> = {}, options: { skip?: boolean } = {}): QueryState<T> {
  const { client } = useSession();
  const key = JSON.stringify(variables);
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: !options.skip });
  const [tick, setTick] = useState(0);
  const run = useRef(0);

  useEffect(() => {
    if (options.skip) return;
    const mine = ++run.current;
    setState((s) => ({ ...s, loading: true }));
    client.request<T>(query, JSON.parse(key) as Record<string, unknown>).then(
      (data) => mine === run.current && setState({ data, loading: false }),
      (error: unknown) => mine === run.current && setState((s) => ({ data: s.data, error, loading: false })),
    );
  }, [client, query, key, tick, options.skip]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** A mutation's state: run it, then `done` or a readable `error`. */
export function useGatewayAction(): { busy: boolean; error?: unknown; run<T>(query: string, variables: Record<string, unknown>): Promise<T | undefined>; clear(): void } {
  const { client } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const runAction = useCallback(async <T,>(query: string, variables: Record<string, unknown>): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await client.request<T>(query, variables);
    } catch (err) {
      setError(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, [client]);
  return { busy, error, run: runAction, clear: () => setError(undefined) };
}
