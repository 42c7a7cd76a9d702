/**
 * Fields a manifest sets that its kind does not have. The published schemas
 * allow additional properties (the Kubernetes OpenAPI definitions, Strimzi's
 * CRDs, and the validators kubernetes-models compiles from them), so a misspelt
 * field validates there; `kubectl apply` (strict field validation) refuses it,
 * and the API server drops an unknown field of a custom resource.
 *
 * The compiled validators cannot say which properties a kind has (they are
 * generated code that checks only the properties it knows). The TypeScript
 * declarations that the same packages generate from the same definitions can:
 * kubernetes-models (the Kubernetes OpenAPI) and
 * @kubernetes-models/strimzi-kafka-operator (Strimzi's CRDs) declare each kind's
 * fields, nested objects included, and only maps (labels, data, a KafkaTopic's
 * `config`) with an index signature or as `{}`. TypeScript's excess property
 * check on an object literal of that type names each field the type does not
 * declare. So each resource is written as such a literal and type-checked here
 * with the compiler API; a kind whose declaration is missing fails as
 * "Cannot find module".
 */
import * as path from 'node:path';
import * as ts from 'typescript';
import { ROOT } from './deploy-files';

interface Manifest { apiVersion: string; kind: string; metadata?: { name?: string } }

/** The module that declares a kind's type: kubernetes-models/<group>/<version>/<Kind>, or Strimzi's package. */
function declarationOf(r: Manifest): string {
  const pkg = r.apiVersion.startsWith('kafka.strimzi.io/') ? '@kubernetes-models/strimzi-kafka-operator' : 'kubernetes-models';
  return `${pkg}/${r.apiVersion}/${r.kind}`;
}

const OPTIONS: ts.CompilerOptions = {
  strict: true, noEmit: true, skipLibCheck: true, types: [], lib: ['lib.es2022.d.ts'],
  target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
};

/**
 * Where a diagnostic falls: "<Kind> <name>: /path" for a property name or value
 * of a literal (/spec/template/…), "<Kind> <name>:" for the rest of that
 * resource's statements.
 */
function locator(file: ts.SourceFile, resources: Manifest[]): (start: number) => string {
  const paths = new Map<number, string>();
  const walk = (node: ts.Node, where: string): void => {
    if (!paths.has(node.getStart(file))) paths.set(node.getStart(file), where);
    if (ts.isObjectLiteralExpression(node)) {
      for (const p of node.properties) {
        if (!ts.isPropertyAssignment(p) || !ts.isStringLiteral(p.name)) continue;
        const at = `${where}/${p.name.text}`;
        paths.set(p.name.getStart(file), at);
        walk(p.initializer, at);
      }
    } else if (ts.isArrayLiteralExpression(node)) {
      node.elements.forEach((e, i) => walk(e, `${where}/${i}`));
    }
  };
  // Two statements a resource: its type's import, then its literal.
  const label = (i: number): string => `${resources[i]!.kind} ${resources[i]!.metadata?.name ?? '?'}:`;
  file.statements.forEach((s, i) => {
    if (ts.isVariableStatement(s)) walk(s.declarationList.declarations[0]!.initializer!, `${label(Math.floor(i / 2))} `);
  });
  return (start) => paths.get(start) ?? label(Math.floor(file.statements.findIndex((s) => s.end >= start) / 2));
}

// TypeScript's excess property errors, with or without a suggestion; their text names the whole (often inline) type.
const EXCESS_PROPERTY = [2353, 2561];

/**
 * What TypeScript says of each resource against its kind's declared type:
 * "<Kind> <name>: /path unknown field" for a field the kind does not declare, its
 * message for anything else (a value of another type); empty when all is known.
 */
export function fieldErrors(resources: Manifest[]): string[] {
  const fileName = path.join(ROOT, '__manifests__.ts');
  const text = resources.map((r, i) => `import type { I${r.kind} as T${i} } from '${declarationOf(r)}';\nexport const r${i}: T${i} = ${JSON.stringify(r, null, 2)};\n`).join('');
  const host = ts.createCompilerHost(OPTIONS);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) => (name === fileName ? ts.createSourceFile(name, text, version) : getSourceFile(name, version, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === fileName || fileExists(name);
  const program = ts.createProgram([fileName], OPTIONS, host);
  const file = program.getSourceFile(fileName)!;
  const where = locator(file, resources);
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    const suggestion = /Did you mean to write '([^']+)'\?/.exec(message)?.[1];
    const said = EXCESS_PROPERTY.includes(d.code) ? `unknown field${suggestion ? ` (did you mean ${suggestion}?)` : ''}` : message;
    return `${d.start === undefined ? '' : `${where(d.start)} `}${said}`;
  });
}
