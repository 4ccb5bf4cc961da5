export { errorCatalog, type ErrorCode } from './catalog';
export { AppError, isAppError, toAppError, type AppErrorOptions } from './app-error';
