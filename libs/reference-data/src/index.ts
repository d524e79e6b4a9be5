export * from './territory';
export * from './occupations';
