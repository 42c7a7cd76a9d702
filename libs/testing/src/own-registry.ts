/**
 * Runs `start` with a module registry of its own, for starting a second
 * service in one jest process: code-first GraphQL (@nestjs/graphql) keeps its
 * type metadata in stores on the global object, where two services' classes
 * of the same name (each service's `Enterprise`) would collide. In production
 * each service is its own process.
 *
 * `start` must `require` the service's modules itself (a top-level import
 * would load them into the shared registry). Packages the service loads
 * lazily while starting come from its own registry too, since the isolation
 * lasts until `start` resolves. Not concurrent: start services one at a time.
 */
export async function inOwnModuleRegistry<T>(start: () => Promise<T>): Promise<T> {
  const stores = globalThis as { GqlTypeMetadataStorage?: unknown; GqlLazyMetadataStorageHost?: unknown };
  delete stores.GqlTypeMetadataStorage;
  delete stores.GqlLazyMetadataStorageHost;
  let result: { value: T } | undefined;
  await jest.isolateModulesAsync(async () => {
    result = { value: await start() };
  });
  if (!result) throw new Error('inOwnModuleRegistry: start did not complete');
  return result.value;
}
