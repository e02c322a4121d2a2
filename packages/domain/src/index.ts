export * from './types';
export * from './reference/categories';
export * from './indicators/catalogue';
