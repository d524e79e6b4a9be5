export * from './random';
export * from './people';
export * from './return-flows';
export * from './returnees';
export * from './arrival-lists';
export * from './assessment-answers';
