export * from './agent-config.js';
export * from './api.js';
export * from './catalogue.js';
export * from './messages.js';
export * from './probes.js';
export * from './topics.js';
