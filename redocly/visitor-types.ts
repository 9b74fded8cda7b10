/**
 * The parts of the Redocly CLI 2.x visitor API that this plugin uses. The CLI ships no type
 * declarations, so these describe what its rules and decorators receive at run time.
 */

export interface Location {
  /** The file that contains the node, and the JSON pointer to it. */
  readonly source: { readonly absoluteRef: string };
  readonly pointer: string;
  child(path: string | number | Array<string | number>): Location;
  key(): Location;
}

export interface Problem {
  message: string;
  location?: Location;
}

export interface VisitorContext {
  location: Location;
  report(problem: Problem): void;
  resolve<T = unknown>(node: unknown): { node: T | undefined; location: Location | undefined };
}

export type JsonObject = Record<string, unknown>;

export type Visit = (node: JsonObject, ctx: VisitorContext) => void;

/** Keys are node types of the OpenAPI 3.x type tree (`Root`, `Operation`, `Schema`, ...). */
export type Visitor = Record<string, { enter?: Visit; leave?: Visit }>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
