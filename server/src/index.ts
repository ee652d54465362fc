export { ConfigError, loadConfig } from './config/load.js';
export { ServerConfig } from './config/schema.js';
export { type RunningServer, StartupError, startServer } from './server.js';
