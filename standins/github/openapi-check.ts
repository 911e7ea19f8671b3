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
  /** Problems with a response body for an operation and status. */
  checkResponse(operationId: string, status: number, body: unknown): string[];
}

let cached: Promise<OpenApiChecker> | undefined;

/** Loads the fixture once per process (openapi-backend with `quick: true` builds in about a second). */
export function loadOpenApiChecker(): Promise<OpenApiChecker> {
  cached ??= (async () => {
    const definition = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, 'github-openapi.json'), 'utf8'),
    );
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
        const result = api.validateResponse(body, operationId, status);
        return result.valid
          ? []
          : format(result.errors).map((problem) => `${operationId} ${status} response: ${problem}`);
      },
    };
  })();
  return cached;
}
