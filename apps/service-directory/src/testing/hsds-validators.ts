import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import organizationSchema from '../hsds/schema/organization.json';
import serviceSchema from '../hsds/schema/service.json';

/** The HSDS 3.0.1 compiled schemas, as published (their extra keywords are documentation). */
export function hsdsValidators(): { service: ValidateFunction; organization: ValidateFunction } {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return { service: ajv.compile(serviceSchema), organization: ajv.compile(organizationSchema) };
}
