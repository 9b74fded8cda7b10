import { isJsonObject, type JsonObject, type Location, type VisitorContext, type Visitor } from '../visitor-types.ts';

/**
 * Rule `order-reclaim/operation-examples`: every operation has an example for its request body
 * and for each response that has a body, so the docs show a complete exchange for each case.
 */
export function OperationExamples(): Visitor {
  return {
    Operation: {
      enter(operation, ctx) {
        const name = operationName(operation, ctx);
        const requestBody = resolveObject(operation.requestBody, ctx, ctx.location.child('requestBody'));
        if (requestBody !== undefined) {
          checkContent(requestBody.node, requestBody.location, `${name}: the request body`, ctx);
        }

        const responses = isJsonObject(operation.responses) ? operation.responses : {};
        for (const [status, reference] of Object.entries(responses)) {
          const response = resolveObject(reference, ctx, ctx.location.child(['responses', status]));
          if (response !== undefined) {
            checkContent(response.node, response.location, `${name}: response ${status}`, ctx);
          }
        }
      },
    },
  };
}

function checkContent(owner: JsonObject, location: Location, subject: string, ctx: VisitorContext): void {
  if (!isJsonObject(owner.content)) {
    return;
  }
  for (const [mediaType, media] of Object.entries(owner.content)) {
    if (!isJsonObject(media)) {
      continue;
    }
    const hasExample = media.example !== undefined || (isJsonObject(media.examples) && Object.keys(media.examples).length > 0);
    if (!hasExample) {
      ctx.report({
        message: `${subject} (${mediaType}) has no example. Add \`examples\` with at least one named example.`,
        location: location.child(['content', mediaType]).key(),
      });
    }
  }
}

export function operationName(operation: JsonObject, ctx: VisitorContext): string {
  return typeof operation.operationId === 'string' ? `Operation ${operation.operationId}` : `Operation at ${ctx.location.pointer}`;
}

/** Follows a `$ref` to the object it names, keeping the location for the report. */
export function resolveObject(value: unknown, ctx: VisitorContext, location: Location): { node: JsonObject; location: Location } | undefined {
  if (!isJsonObject(value)) {
    return undefined;
  }
  if (typeof value.$ref !== 'string') {
    return { node: value, location };
  }
  const resolved = ctx.resolve<unknown>(value);
  return isJsonObject(resolved.node) ? { node: resolved.node, location: resolved.location ?? location } : undefined;
}
