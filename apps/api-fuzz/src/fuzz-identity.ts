/** Where the fuzzing caller works: a real municipality, and an organisation for partner roles. */
export const FUZZ_MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';
export const FUZZ_ORGANISATION = 'fuzz-organisation';
