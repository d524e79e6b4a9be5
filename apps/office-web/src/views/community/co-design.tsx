import { type FormEvent, useState } from 'react';
import {
  Loading,
  type Problem,
  ProblemMessage,
  problemOf,
  splitFieldErrors,
  SelectField,
  TextField,
} from '@reintegra/ui-web';
import { api, community } from '../../api';
import { useI18n } from '../../i18n';
import { nameOf, useActivityData } from './community-data';

interface Proposal {
  id: string;
  title: string;
  description: string;
  status: 'open' | 'adopted' | 'not-adopted';
  votes: number;
}

/**
 * Co-design: what the group proposes for its next steps, the votes of the people taking part
 * (one each per proposal) and the decision, recorded by the facilitator in the meeting. Online
 * only: a vote counts where everybody sees it.
 */
export function CoDesign(props: { activityId: string }) {
  const { t } = useI18n();
  const m = t.community.codesign;
  const { data } = useActivityData(props.activityId);
  const proposals = api.useApi<Proposal[]>(community(`/activities/${props.activityId}/proposals`));
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [notice, setNotice] = useState<string>();
  const { byField } = splitFieldErrors(problem, ['title', 'description']);

  const act = async (call: () => Promise<unknown>, done: string) => {
    setProblem(undefined);
    setNotice(undefined);
    try {
      await call();
      setNotice(done);
      proposals.reload();
      return true;
    } catch (failure) {
      setProblem(problemOf(failure));
      return false;
    }
  };
  const propose = async (event: FormEvent) => {
    event.preventDefault();
    const body = { title, description };
    if (
      await act(
        () => api.apiPost(community(`/activities/${props.activityId}/proposals`), body),
        m.proposed(title),
      )
    ) {
      setTitle('');
      setDescription('');
    }
  };

  return (
    <>
      <p>
        <a href={`#/community/${props.activityId}`}>{t.community.backToActivity}</a>
      </p>
      <h1>{m.title}</h1>
      <p className="muted">
        {data?.activity.title} · {m.intro}
      </p>
      <ProblemMessage
        problem={problem ?? proposals.error}
        genericTitle={t.genericError}
        shownFields={['title', 'description']}
      />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={(e) => void propose(e)} noValidate aria-labelledby="propose-title">
        <h2 id="propose-title">{m.newProposal}</h2>
        <TextField
          idPrefix="proposal"
          name="title"
          label={m.proposalTitle}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          errors={byField['title']}
          required
        />
        <TextField
          idPrefix="proposal"
          name="description"
          label={m.description}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          errors={byField['description']}
        />
        <button type="submit">{m.propose}</button>
      </form>
      <h2>{m.proposals}</h2>
      {proposals.loading && !proposals.data && <Loading label={t.loading} />}
      {proposals.data?.length === 0 && <p>{m.none}</p>}
      <ul className="inbox" data-testid="proposals">
        {proposals.data?.map((proposal) => (
          <li key={proposal.id} className="card" data-testid="proposal">
            <h3 className="item-title">{proposal.title}</h3>
            {proposal.description && <p>{proposal.description}</p>}
            <p>
              {m.votes(proposal.votes)} · <strong>{m.statuses[proposal.status]}</strong>
            </p>
            {proposal.status === 'open' && data && (
              <VoteForm
                proposal={proposal}
                people={data.participation.people.map((person) => ({
                  id: person.participantId,
                  name: nameOf(person, t.community.origins, t.community.noName),
                }))}
                onVote={(participantId, who) =>
                  act(
                    () =>
                      api.apiPost(community(`/proposals/${proposal.id}/votes`), {
                        voteId: crypto.randomUUID(),
                        participantId,
                      }),
                    m.voted(who, proposal.title),
                  )
                }
                onDecide={(decision) =>
                  act(
                    () =>
                      api.apiPost(community(`/proposals/${proposal.id}/decision`), { decision }),
                    m.decided(proposal.title, m.statuses[decision]),
                  )
                }
              />
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function VoteForm(props: {
  proposal: Proposal;
  people: { id: string; name: string }[];
  onVote: (participantId: string, who: string) => Promise<boolean>;
  onDecide: (decision: 'adopted' | 'not-adopted') => Promise<boolean>;
}) {
  const { t } = useI18n();
  const m = t.community.codesign;
  const [voter, setVoter] = useState('');
  const who = props.people.find((person) => person.id === voter)?.name ?? '';
  return (
    <>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (voter) void props.onVote(voter, who).then((ok) => ok && setVoter(''));
        }}
      >
        <SelectField
          idPrefix={`vote-${props.proposal.id}`}
          name="voter"
          label={m.voter(props.proposal.title)}
          value={voter}
          onChange={(e) => setVoter(e.target.value)}
        >
          <option value="">{m.chooseVoter}</option>
          {props.people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" disabled={!voter}>
          {m.vote}
        </button>
      </form>
      <div className="actions">
        <button type="button" onClick={() => void props.onDecide('adopted')}>
          {m.adoptLabel(props.proposal.title)}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => void props.onDecide('not-adopted')}
        >
          {m.rejectLabel(props.proposal.title)}
        </button>
      </div>
    </>
  );
}
