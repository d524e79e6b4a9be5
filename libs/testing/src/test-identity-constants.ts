/** Issuer name of the test identity (kept apart so the jest global setup imports no aliases). */
export const TEST_ISSUER = 'reintegra-test-identity';
