// The Hono environment shared by the app and its routes.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { RequestIdVariables } from 'hono/request-id';

export type AppEnv = { Variables: RequestIdVariables };
export type RemitApp = OpenAPIHono<AppEnv>;
