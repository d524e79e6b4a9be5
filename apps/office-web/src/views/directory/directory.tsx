import { useMemo, useState } from 'react';
import { label, Loading, ProblemMessage, queryString } from '@reintegra/ui-web';
import { districts, municipalities } from '@reintegra/reference-data';
import { api, directory } from '../../api';
import { useI18n } from '../../i18n';
import {
  type Audience,
  type DirectoryOrganization,
  type DirectoryService,
  type LocalFilter,
  matches,
  STATUSES,
} from './directory-data';
import { ServiceCard } from './service-card';

/**
 * The service directory for the office: every partner's services with who they are for, hours,
 * languages and free places. Admins also change services and organisations here (the directory
 * API refuses everyone else whatever the screen shows).
 */
export function DirectoryView(props: { canEdit: boolean; municipalityCode: string | null }) {
  const { t } = useI18n();
  const m = t.directory;
  const [serviceType, setServiceType] = useState('');
  const [municipalityCode, setMunicipalityCode] = useState(props.municipalityCode ?? '');
  const [status, setStatus] = useState('');
  const [local, setLocal] = useState<LocalFilter>({
    districtCode: '',
    withPlaces: false,
    audience: '',
    text: '',
  });
  const [notice, setNotice] = useState<string>();
  const services = api.useApi<DirectoryService[]>(
    directory(`/services${queryString({ serviceType, municipalityCode, status })}`),
  );
  const organizations = api.useApi<DirectoryOrganization[]>(directory('/organizations'));
  const byId = useMemo(
    () => new Map((organizations.data ?? []).map((o) => [o.id, o])),
    [organizations.data],
  );
  const shown = (services.data ?? []).filter((s) => matches(s, byId.get(s.organizationId), local));
  const districtsHere = districts.filter((d) => d.municipalityCode === municipalityCode);
  const setFilter = (patch: Partial<LocalFilter>) => setLocal((f) => ({ ...f, ...patch }));
  const changed = (message: string) => {
    setNotice(message);
    services.reload();
    organizations.reload();
  };
  return (
    <>
      <h1>{m.title}</h1>
      <p className="muted">{m.intro}</p>
      <form
        className="filters"
        aria-label={m.filters}
        data-testid="directory-filters"
        onSubmit={(event) => event.preventDefault()}
      >
        <label>
          {m.serviceType}
          <select value={serviceType} onChange={(e) => setServiceType(e.target.value)}>
            <option value="">{m.anyType}</option>
            {Object.keys(t.services).map((type) => (
              <option key={type} value={type}>
                {label(t.services, type)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {m.municipality}
          <select
            value={municipalityCode}
            onChange={(e) => {
              setMunicipalityCode(e.target.value);
              setFilter({ districtCode: '' });
            }}
          >
            <option value="">{m.anyMunicipality}</option>
            {municipalities.map((municipality) => (
              <option key={municipality.code} value={municipality.code}>
                {municipality.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {m.district}
          <select
            value={local.districtCode}
            disabled={districtsHere.length === 0}
            onChange={(e) => setFilter({ districtCode: e.target.value })}
          >
            <option value="">{m.anyDistrict}</option>
            {districtsHere.map((district) => (
              <option key={district.code} value={district.code}>
                {district.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {m.audience}
          <select
            value={local.audience}
            onChange={(e) => setFilter({ audience: e.target.value as Audience })}
          >
            {(['', 'women-only', 'everyone'] as const).map((audience) => (
              <option key={audience} value={audience}>
                {m.audiences[audience]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {m.status}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{m.anyStatus}</option>
            {STATUSES.map((code) => (
              <option key={code} value={code}>
                {label(m.statuses, code)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {m.search}
          <input
            type="search"
            value={local.text}
            onChange={(e) => setFilter({ text: e.target.value })}
          />
        </label>
        <div className="check">
          <input
            id="directory-with-places"
            type="checkbox"
            checked={local.withPlaces}
            onChange={(e) => setFilter({ withPlaces: e.target.checked })}
          />
          <label htmlFor="directory-with-places">{m.withPlaces}</label>
        </div>
      </form>
      {notice && (
        <p className="notice" role="status" data-testid="directory-notice">
          {notice}
        </p>
      )}
      <ProblemMessage
        problem={services.error ?? organizations.error}
        genericTitle={t.genericError}
      />
      {services.loading && !services.data && <Loading label={t.loading} />}
      {services.data && (
        <p role="status" data-testid="directory-count">
          {m.found(shown.length)}
        </p>
      )}
      {services.data && shown.length === 0 && <p>{m.none}</p>}
      {shown.length > 0 && (
        <ul className="inbox" aria-label={m.servicesLabel} data-testid="directory-services">
          {shown.map((service) => (
            <ServiceCard
              key={service.id}
              service={service}
              organization={byId.get(service.organizationId)}
              canEdit={props.canEdit}
              onChanged={changed}
            />
          ))}
        </ul>
      )}
    </>
  );
}
