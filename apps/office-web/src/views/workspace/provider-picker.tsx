import { useMemo } from 'react';
import { Loading, queryString, SelectField, TextField } from '@reintegra/ui-web';
import { findMunicipality } from '@reintegra/reference-data';
import { api, directory } from '../../api';
import { useI18n } from '../../i18n';
import {
  type DirectoryOrganization,
  type DirectoryService,
  nearestFirst,
  placeOf,
} from '../directory/directory-data';
import { audienceOf, scheduleText, whoFor } from '../directory/service-card';

/** Where the case is: the picker proposes the directory's services there, nearest first. */
export interface CasePlace {
  municipalityCode: string;
  districtCode: string | null;
}

/**
 * The receiving office of a proposed referral, chosen among the directory's active services of
 * that type in the case's municipality (its value is the provider id intake wants). Typing a code
 * is offered only when the directory does not answer.
 */
export function ProviderPicker(props: {
  idPrefix: string;
  service: string;
  place: CasePlace;
  value: string;
  errors: string[] | undefined;
  onChange: (providerId: string) => void;
}) {
  const { t } = useI18n();
  const m = t.directory.picker;
  const services = api.useApi<DirectoryService[]>(
    directory(
      `/services${queryString({
        serviceType: props.service,
        municipalityCode: props.place.municipalityCode,
        status: 'active',
      })}`,
    ),
  );
  const organizations = api.useApi<DirectoryOrganization[]>(directory('/organizations'));
  // One choice per provider: its nearest service of the type stands for it.
  const choices = useMemo(() => {
    const seen = new Set<string>();
    return nearestFirst(services.data ?? [], props.place.districtCode).filter((service) => {
      if (seen.has(service.organizationId)) return false;
      seen.add(service.organizationId);
      return true;
    });
  }, [services.data, props.place.districtCode]);
  if (services.error || organizations.error)
    return (
      <div>
        <p className="warning" data-testid="directory-unreachable">
          {m.unreachable}
        </p>
        <TextField
          idPrefix={props.idPrefix}
          name="provider"
          label={m.typed}
          help={m.typedHelp}
          value={props.value}
          errors={props.errors}
          onChange={(event) => props.onChange(event.target.value)}
        />
      </div>
    );
  if (!services.data || !organizations.data) return <Loading label={t.loading} />;
  const nameOf = (id: string) => organizations.data?.find((o) => o.id === id)?.name ?? id;
  const chosen = choices.find((service) => service.organizationId === props.value);
  const municipality =
    findMunicipality(props.place.municipalityCode)?.name ?? props.place.municipalityCode;
  return (
    <div>
      <SelectField
        idPrefix={props.idPrefix}
        name="provider"
        label={m.provider}
        help={m.help(municipality)}
        value={props.value}
        errors={props.errors}
        onChange={(event) => props.onChange(event.target.value)}
      >
        <option value="">{m.choose}</option>
        {props.value && !chosen && <option value={props.value}>{m.current(props.value)}</option>}
        {choices.map((service) => (
          <option key={service.id} value={service.organizationId}>
            {m.option(
              nameOf(service.organizationId),
              service.name,
              placeOf(service),
              t.directory.freePlaces(service.capacityAvailable),
              whoFor(service, t.directory),
            )}
          </option>
        ))}
      </SelectField>
      {choices.length === 0 && <p className="warning">{m.none}</p>}
      {chosen && (
        <p className="muted" data-testid="provider-details">
          {audienceOf(chosen, t.directory)} · {scheduleText(chosen, t.directory)}
        </p>
      )}
    </div>
  );
}
