import { ApiError, problemFrom, problemOf, splitFieldErrors } from './problem';

describe('problem+json for the screens', () => {
  it('keeps the code, title, field errors and the extra members of a problem', () => {
    const problem = problemFrom(409, 'Conflict', {
      type: 'urn:reintegra:problem:returnee.possible-duplicate',
      title: 'Puede que esta persona ya esté registrada',
      status: 409,
      code: 'returnee.possible-duplicate',
      instance: '/returnees',
      candidates: [{ returneeId: 'a', nameSimilarity: 0.8 }],
    });
    expect(problem).toEqual({
      status: 409,
      code: 'returnee.possible-duplicate',
      title: 'Puede que esta persona ya esté registrada',
      extensions: { candidates: [{ returneeId: 'a', nameSimilarity: 0.8 }] },
    });
  });

  it('makes a problem of a body that is not one (a proxy page, nothing at all)', () => {
    expect(problemFrom(502, 'Bad Gateway', undefined)).toEqual({
      status: 502,
      code: 'unknown',
      title: 'Bad Gateway',
    });
    expect(problemFrom(400, 'Bad Request', { errors: [{ field: 'dui' }, 'x'] }).errors).toEqual([
      { field: 'dui', message: '' },
    ]);
  });

  it('puts field errors beside the fields a form shows and the rest in the summary', () => {
    const problem = problemFrom(400, 'Bad Request', {
      code: 'request.invalid',
      title: 'La solicitud contiene datos no válidos.',
      errors: [
        { field: 'dui', message: 'DUI no válido' },
        { field: 'contact.phone', message: 'Teléfono no válido.' },
        { field: 'arrivalEntryId', message: 'No existe' },
        { field: 'dui', message: 'Otra cosa' },
      ],
    });
    expect(splitFieldErrors(problem, ['dui', 'contact'])).toEqual({
      byField: { dui: ['DUI no válido', 'Otra cosa'], contact: ['Teléfono no válido.'] },
      other: [{ field: 'arrivalEntryId', message: 'No existe' }],
    });
    expect(splitFieldErrors(undefined, ['dui'])).toEqual({ byField: {}, other: [] });
  });

  it('turns thrown values into problems', () => {
    const api = new ApiError({ status: 403, code: 'auth.role-not-allowed', title: 'No' });
    expect(problemOf(api)).toBe(api.problem);
    expect(problemOf(new TypeError('Failed to fetch'))).toEqual({
      status: 0,
      code: 'network',
      title: 'TypeError: Failed to fetch',
    });
  });
});
