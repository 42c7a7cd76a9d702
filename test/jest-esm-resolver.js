/**
 * Jest resolver (jest.config.js). @kubernetes-models/strimzi-kafka-operator (a dev
 * dependency of test/deploy) and the packages nested under it are ESM-only: their
 * package "exports" have an `import` condition and no `require`, which jest's
 * CommonJS resolution does not match. Requests made for that package, or from inside
 * it, are resolved with `import` added to the conditions; everything else as jest
 * always does. jest.config.js has ts-jest turn those files into CommonJS.
 */
const ESM_ONLY = '@kubernetes-models/strimzi-kafka-operator';
const inside = /[\\/]node_modules[\\/]@kubernetes-models[\\/]strimzi-kafka-operator([\\/]|$)/;

module.exports = (request, options) => {
  const esm = request === ESM_ONLY || request.startsWith(`${ESM_ONLY}/`) || inside.test(options.basedir);
  return options.defaultResolver(request, esm ? { ...options, conditions: [...(options.conditions ?? []), 'import'] } : options);
};
