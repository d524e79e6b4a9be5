import { useMemo, useState } from 'react';
import { focusLater, label } from '@reintegra/ui-web';
import { type Messages, useI18n } from '../../i18n';
import { DAYS, type DirectoryOrganization, type DirectoryService, placeOf } from './directory-data';
import { OrganizationEditor } from './organization-editor';
import { ServiceEditor } from './service-editor';

/** Who a service is for, in words: women only or everyone, and ages. */
export const whoFor = (service: DirectoryService, m: Messages['directory']): string =>
  `${service.womenOnly ? m.womenOnly : m.everyone} · ${m.ages(service.minimumAge, service.maximumAge)}`;

/** Who a service is for and the documents to bring. */
export function audienceOf(service: DirectoryService, m: Messages['directory']): string {
  const documents = service.requiredDocuments.map((code) => label(m.documents, code));
  return [whoFor(service, m), ...(documents.length ? [m.bring(documents.join(', '))] : [])].join(
    ' · ',
  );
}

/** "lun, mar, mié 08:00–16:00; sáb 08:00–12:00" */
export function scheduleText(service: DirectoryService, m: Messages['directory']): string {
  if (service.schedules.length === 0) return m.noSchedule;
  return service.schedules
    .map((schedule) => {
      const days = DAYS.filter((day) => schedule.byday.split(',').includes(day));
      return `${days.map((day) => m.days[day]).join(', ')} ${schedule.opens_at}–${schedule.closes_at}`;
    })
    .join('; ');
}

/** One service of the directory; admins open its editors in place. */
export function ServiceCard(props: {
  service: DirectoryService;
  organization: DirectoryOrganization | undefined;
  canEdit: boolean;
  onChanged: (message: string) => void;
}) {
  const { t, language } = useI18n();
  const m = t.directory;
  const { service, organization } = props;
  const [editing, setEditing] = useState<'service' | 'organization'>();
  const languageName = useMemo(() => {
    const names = new Intl.DisplayNames([language === 'es' ? 'es-SV' : 'en-US'], {
      type: 'language',
    });
    return (code: string) => names.of(code) ?? code;
  }, [language]);
  const organizationName = organization?.name ?? service.organizationId;
  const editButton = `edit-${service.id}`;
  const close = (message?: string) => {
    setEditing(undefined);
    if (message) props.onChanged(message);
    else focusLater(editButton);
  };
  return (
    <li className="card" data-testid="directory-service" data-service-id={service.id}>
      <h2 className="item-title">
        {service.name}{' '}
        <span className={service.status === 'active' ? 'tag ok' : 'tag'} data-testid="status">
          {label(m.statuses, service.status)}
        </span>
      </h2>
      <p data-testid="organization">
        <strong>{organizationName}</strong> · {label(t.services, service.serviceType)}
      </p>
      <dl className="facts">
        <dt>{m.place}</dt>
        <dd data-testid="place">{placeOf(service)}</dd>
        <dt>{m.forWhom}</dt>
        <dd data-testid="for-whom">{audienceOf(service, m)}</dd>
        <dt>{m.schedule}</dt>
        <dd data-testid="schedule">{scheduleText(service, m)}</dd>
        <dt>{m.languages}</dt>
        <dd>{service.languages.map(languageName).join(', ')}</dd>
        <dt>{m.places}</dt>
        <dd data-testid="free-places">
          {m.freePlaces(service.capacityAvailable)}
          {service.capacityLive !== null && <span className="muted"> ({m.liveNote})</span>}
        </dd>
      </dl>
      {props.canEdit && !editing && (
        <div className="actions">
          <button
            type="button"
            id={editButton}
            aria-label={m.editLabel(service.name)}
            onClick={() => {
              setEditing('service');
              focusLater(`service-${service.id}-status`);
            }}
          >
            {m.edit}
          </button>
          <button
            type="button"
            className="secondary"
            aria-label={m.editOrganizationLabel(organizationName)}
            onClick={() => {
              setEditing('organization');
              focusLater(`organization-${service.id}-name`);
            }}
          >
            {m.editOrganization}
          </button>
        </div>
      )}
      {editing === 'service' && <ServiceEditor service={service} onDone={close} />}
      {editing === 'organization' && organization && (
        <OrganizationEditor
          idPrefix={`organization-${service.id}`}
          organization={organization}
          onDone={close}
        />
      )}
    </li>
  );
}
