// The HTTP layer's public surface: the app factory, its dependency types and the pieces other runtimes reuse.
export { API_VERSION, createApp, type CreateAppOptions } from './app.js';
export type { AppDeps, HealthStatus, IngestFn, IngestInput, ServerConfig, SourceCatalog } from './deps.js';
export { DEFAULT_SERVER_CONFIG } from './deps.js';
export { createMemoryFeedbackStore, FeedbackRecord, type FeedbackStore } from './feedback-store.js';
export { createJsonLogger, LOG_LEVELS, type Logger, type LogLevel } from './logger.js';
export { createMemoryRateLimitStore, type RateLimitStore } from './middleware/rate-limit.js';
export { PROBLEM_CONTENT_TYPE, ProblemDetails } from './problem.js';
export { readSseEvents, readAnswerEvents } from '../widget/sse.js';
