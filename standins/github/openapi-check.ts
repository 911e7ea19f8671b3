import { readFileSync } from 'node:fs';
import path from 'node:path';
import OpenAPIBackend from 'openapi-backend';

/** Checks requests and responses against GitHub's OpenAPI description (the extracted fixture). */
export interface OpenApiChecker {
  /** Problems with a request, or [] when it is valid. Unknown operations are a problem. */
  checkRequest(request: {
    method: string;
    path: string;
    query: Record<string, string>;
    headers: Record<string, string>;
    body: unknown;
  }): {
    operationId?: string;
    problems: string[];
  };
  /**
   * Problems with a response body for an operation and status. A 403 to a write is checked
   * against GitHub's shared `forbidden` response even where the operation does not list it.
   */
  checkResponse(operationId: string, status: number, body: unknown): string[];
}

let cached: Promise<OpenApiChecker> | undefined;

/** Loads the fixture once per process (openapi-backend with `quick: true` builds in about a second). */
export function loadOpenApiChecker(): Promise<OpenApiChecker> {
  cached ??= (async () => {
    const definition = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, 'github-openapi.json'), 'utf8'),
    );
    // GitHub refuses a write its token lacks the permission for (a `GITHUB_TOKEN` without
    // `issues: write`) with 403 and its basic-error body on every endpoint, but its description
    // lists 403 only for some writes (create and update an issue, create a comment), not for
    // adding labels or creating a label or milestone. openapi-backend passes a status an
    // operation does not list without checking it, so such a 403 would go unchecked: it is
    // checked instead as the 403 of an operation that references the shared `forbidden` response.
    const writesWith403 = new Set<string>();
    let forbiddenReference: string | undefined;
    const paths = definition.paths as Record<
      string,
      Record<string, { operationId?: string; responses?: Record<string, { $ref?: string }> }>
    >;
    for (const item of Object.values(paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (method === 'get' || method === 'parameters' || !operation.operationId) continue;
        const forbidden = operation.responses?.['403'];
        if (!forbidden) continue;
        writesWith403.add(operation.operationId);
        if (forbidden.$ref === '#/components/responses/forbidden')
          forbiddenReference ??= operation.operationId;
      }
    }
    const api = new OpenAPIBackend({
      definition,
      quick: true,
      validate: true,
      strict: false,
      ajvOpts: { strict: false, allErrors: true, logger: false },
    });
    await api.init();
    const format = (errors: { instancePath?: string; message?: string }[] | null | undefined) =>
      (errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''}`.trim());
    return {
      checkRequest(request) {
        const operation = api.matchOperation({
          method: request.method,
          path: request.path,
          query: request.query,
          headers: request.headers,
        });
        if (!operation)
          return {
            problems: [`${request.method} ${request.path}: no such operation in GitHub's API description`],
          };
        const result = api.validateRequest(
          {
            method: request.method,
            path: request.path,
            query: request.query,
            headers: request.headers,
            body: request.body,
          },
          operation,
        );
        return {
          operationId: operation.operationId ?? '',
          problems: result.valid
            ? []
            : format(result.errors).map((problem) => `${request.method} ${request.path} request: ${problem}`),
        };
      },
      checkResponse(operationId, status, body) {
        const method = api.getOperation(operationId)?.method.toLowerCase();
        const undocumented403 =
          status === 403 && method !== undefined && method !== 'get' && !writesWith403.has(operationId);
        // See `forbiddenReference` above: the body is checked, the error names the real operation.
        const checkedAs = undocumented403 && forbiddenReference ? forbiddenReference : operationId;
        const result = api.validateResponse(body, checkedAs, status);
        return result.valid
          ? []
          : format(result.errors).map((problem) => `${operationId} ${status} response: ${problem}`);
      },
    };
  })();
  return cached;
}
