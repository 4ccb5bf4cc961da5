export { createJsonLogger, createMemoryLogger, silentLogger, type Logger, type LogFields } from './logger';
