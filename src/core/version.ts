// Remit's version as its servers report it (the OpenAPI document, the MCP server's info); kept with package.json's.
export const REMIT_VERSION = '0.1.0';
