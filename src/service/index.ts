export type * from './service.types';
export type * from './ports';
