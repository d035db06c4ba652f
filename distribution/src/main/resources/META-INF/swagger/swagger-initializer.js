// The API docs page (/swagger/): Swagger UI over the OpenAPI document generated at build time. "Authorize" takes
// a bearer token from POST /login; requests go to this service, so the page needs no other origin.
window.ui = SwaggerUIBundle({
  url: '/swagger/yangguang-distribution-0.1.yml',
  dom_id: '#swagger-ui',
  deepLinking: true,
});
