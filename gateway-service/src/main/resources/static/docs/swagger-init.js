// Swagger UI at /docs (ApiDocsController): the gateway's merged OpenAPI document, nothing else (no URL bar).
window.ui = SwaggerUIBundle({
  url: '/v3/api-docs',
  dom_id: '#swagger-ui',
  deepLinking: true,
});
