import { type FormEvent, useState } from 'react';
import {
  FieldErrors,
  fieldMessages,
  FormActions,
  ProblemMessage,
  TextField,
  useFormProblem,
} from '@reintegra/ui-web';
import { api, directory } from '../../api';
import { useI18n } from '../../i18n';
import type { DirectoryOrganization } from './directory-data';

/** An admin's change of an organisation's name and description (every service of it shows it). */
export function OrganizationEditor(props: {
  idPrefix: string;
  organization: DirectoryOrganization;
  onDone: (message?: string) => void;
}) {
  const { t } = useI18n();
  const m = t.directory;
  const { organization, idPrefix } = props;
  const [name, setName] = useState(organization.name);
  const [description, setDescription] = useState(organization.description);
  const { problem, busy, formRef, submit } = useFormProblem();
  const errors = (field: string) => fieldMessages(problem, field);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await submit(async () => {
      await api.request('PATCH', directory(`/organizations/${organization.id}`), {
        name,
        description,
      });
    });
    if (saved) props.onDone(m.saved(name.trim()));
  };
  const descriptionErrors = errors('description');
  const descriptionId = `${idPrefix}-description`;
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(event) => void save(event)}
      aria-label={m.editOrganizationLabel(organization.name)}
      data-testid="organization-editor"
    >
      <TextField
        idPrefix={idPrefix}
        name="name"
        label={m.organizationName}
        value={name}
        errors={errors('name')}
        onChange={(e) => setName(e.target.value)}
      />
      <div className={descriptionErrors ? 'field invalid' : 'field'}>
        <label htmlFor={descriptionId}>{m.organizationDescription}</label>
        <textarea
          id={descriptionId}
          rows={3}
          value={description}
          aria-invalid={descriptionErrors ? true : undefined}
          aria-describedby={descriptionErrors ? `${descriptionId}-error` : undefined}
          onChange={(e) => setDescription(e.target.value)}
        />
        <FieldErrors id={`${descriptionId}-error`} messages={descriptionErrors} />
      </div>
      <ProblemMessage
        problem={problem}
        genericTitle={t.genericError}
        shownFields={['name', 'description']}
      />
      <FormActions submit={m.save} busy={busy} cancel={m.cancel} onCancel={() => props.onDone()} />
    </form>
  );
}
