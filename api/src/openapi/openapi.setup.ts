import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiDocument } from './openapi-document.js';

export const DOCS_PATH = '/api/docs';
export const DOCS_JSON_PATH = '/api/docs.json';

/**
 * Serves Swagger UI at /api/docs and the document at /api/docs.json, built on the first request.
 * Plain Express routes ahead of Nest's: public (the document describes the API, it shows no data),
 * and the UI runs under the app's CSP as it is (its scripts and styles are files of this origin).
 */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: DOCS_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'ctm-analytics API',
    // the UI's default asks validator.swagger.io for a badge: nothing leaves this origin
    swaggerOptions: { validatorUrl: null, persistAuthorization: false, tryItOutEnabled: false },
  });
}
