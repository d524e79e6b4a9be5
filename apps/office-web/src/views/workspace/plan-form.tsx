import { focusLater, label, type Problem, SelectField, TextField } from '@reintegra/ui-web';
import { useI18n } from '../../i18n';
import { errorsAt } from './questionnaire';
import type { PlanDraft, ReferralDraft } from './plan-draft';
import { type CasePlace, ProviderPicker } from './provider-picker';
import {
  DIMENSIONS,
  type Dimension,
  PLAN_REASONS,
  PLAN_SERVICES,
  PRIORITIES,
} from './workspace-data';

/** Goals per dimension and proposed referrals, with intake's errors beside each field. */
export function PlanForm(props: {
  draft: PlanDraft;
  onChange: (draft: PlanDraft) => void;
  problem: Problem | undefined;
  place: CasePlace;
}) {
  const { t } = useI18n();
  const text = t.workspace.planEditor;
  const { draft, problem } = props;
  const errors = (field: string) => {
    const found = errorsAt(problem, field);
    return found.length > 0 ? found : undefined;
  };
  const setGoals = (dimension: Dimension, goals: PlanDraft['goals'][Dimension]) =>
    props.onChange({ ...draft, goals: { ...draft.goals, [dimension]: goals } });
  const setReferral = (index: number, patch: Partial<ReferralDraft>) =>
    props.onChange({
      ...draft,
      referrals: draft.referrals.map((r, i) => (i === index ? { ...r, ...patch } : r)),
    });
  const goalErrors = errors('goals');
  return (
    <>
      <h3>{text.goals}</h3>
      {goalErrors && <p className="field-error">{goalErrors.join(' ')}</p>}
      {DIMENSIONS.map((dimension) => {
        const name = t.workspace.scores.dimensions[dimension] ?? dimension;
        const goals = draft.goals[dimension];
        return (
          <fieldset key={dimension} data-testid={`goals-${dimension}`}>
            <legend>{name}</legend>
            {goals.length === 0 && <p className="muted">{text.noGoals}</p>}
            {goals.map((goal, index) => {
              const at = `goals.${dimension}.${index}`;
              const change = (patch: Partial<typeof goal>) =>
                setGoals(
                  dimension,
                  goals.map((g, i) => (i === index ? { ...g, ...patch } : g)),
                );
              return (
                <div className="grid" key={index}>
                  <TextField
                    idPrefix={`goal-${dimension}-${index}`}
                    name="description"
                    label={`${text.goal(index + 1)}: ${text.description}`}
                    value={goal.description}
                    errors={errors(`${at}.description`)}
                    onChange={(event) => change({ description: event.target.value })}
                  />
                  <TextField
                    idPrefix={`goal-${dimension}-${index}`}
                    name="targetDate"
                    type="date"
                    label={text.targetDate}
                    value={goal.targetDate}
                    errors={errors(`${at}.targetDate`)}
                    onChange={(event) => change({ targetDate: event.target.value })}
                  />
                  <p>
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => {
                        setGoals(
                          dimension,
                          goals.filter((_, i) => i !== index),
                        );
                        focusLater(`add-goal-${dimension}`);
                      }}
                    >
                      {text.removeGoal(index + 1, name.toLocaleLowerCase())}
                    </button>
                  </p>
                </div>
              );
            })}
            <p>
              <button
                type="button"
                id={`add-goal-${dimension}`}
                className="secondary"
                onClick={() => {
                  setGoals(dimension, [...goals, { description: '', targetDate: '' }]);
                  focusLater(`goal-${dimension}-${goals.length}-description`);
                }}
              >
                {text.addGoal(name.toLocaleLowerCase())}
              </button>
            </p>
          </fieldset>
        );
      })}
      <h3>{text.referrals}</h3>
      <p className="muted">{text.referralsHelp}</p>
      {errors('proposedReferrals') && (
        <p className="field-error">{errors('proposedReferrals')?.join(' ')}</p>
      )}
      {draft.referrals.map((referral, index) => {
        const at = `proposedReferrals.${index}`;
        const prefix = `referral-${index}`;
        return (
          <fieldset key={index} data-testid="proposed-referral">
            <legend>{text.referral(index + 1)}</legend>
            <div className="grid">
              <SelectField
                idPrefix={prefix}
                name="service"
                label={t.workspace.service}
                value={referral.service}
                errors={errors(`${at}.service`)}
                // Another type has other providers: the chosen one goes.
                onChange={(event) =>
                  setReferral(index, { service: event.target.value, provider: '' })
                }
              >
                {PLAN_SERVICES.map((service) => (
                  <option key={service} value={service}>
                    {label(t.services, service)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                idPrefix={prefix}
                name="priority"
                label={t.workspace.priority}
                value={referral.priority}
                errors={errors(`${at}.priority`)}
                onChange={(event) => setReferral(index, { priority: event.target.value })}
              >
                {PRIORITIES.map((priority) => (
                  <option key={priority} value={priority}>
                    {label(t.priorities, priority)}
                  </option>
                ))}
              </SelectField>
              <ProviderPicker
                idPrefix={prefix}
                service={referral.service}
                place={props.place}
                value={referral.provider}
                errors={errors(`${at}.providerIds`)}
                onChange={(provider) => setReferral(index, { provider })}
              />
              <SelectField
                idPrefix={prefix}
                name="reasonCode"
                label={text.reason}
                value={referral.reasonCode}
                errors={errors(`${at}.reasonCode`)}
                onChange={(event) => setReferral(index, { reasonCode: event.target.value })}
              >
                {PLAN_REASONS.map((reason) => (
                  <option key={reason} value={reason}>
                    {label(t.workspace.reasons, reason)}
                  </option>
                ))}
              </SelectField>
            </div>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                props.onChange({
                  ...draft,
                  referrals: draft.referrals.filter((_, i) => i !== index),
                });
                focusLater('add-referral');
              }}
            >
              {text.removeReferral(index + 1)}
            </button>
          </fieldset>
        );
      })}
      <p>
        <button
          type="button"
          id="add-referral"
          className="secondary"
          onClick={() => {
            focusLater(`referral-${draft.referrals.length}-service`);
            props.onChange({
              ...draft,
              referrals: [
                ...draft.referrals,
                {
                  service: 'employment',
                  priority: 'normal',
                  provider: '',
                  reasonCode: 'seeks-employment',
                },
              ],
            });
          }}
        >
          {text.addReferral}
        </button>
      </p>
    </>
  );
}
