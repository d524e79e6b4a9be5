import { useCallback, useEffect, useState } from 'react';
import { type Problem, problemOf } from '@reintegra/ui-web';
import { api, community } from '../../api';
import { isTransient } from '../../offline/transient';
import { marksStore } from './marks-store';

export interface Activity {
  id: string;
  providerId: string;
  kind: string;
  title: string;
  publicSpace: string;
  schedule: string;
  startsOn: string;
  capacity: number;
  seatsTaken: number;
  facilitators: string[];
  open: boolean;
}

export interface Standing {
  participantId: string;
  displayName: string | null;
  origin?: string;
  eligibleSessions: number;
  attendedSessions: number;
  currentStreak: number;
  trailingAbsences: number;
  sustained: boolean;
  droppingOff: boolean;
}

export interface Participation {
  rule: { minShare: number; minSessions: number; dropOffAbsences: number };
  participants: number;
  sustained: number;
  people: Standing[];
}

export interface Session {
  id: string;
  heldOn: string;
  present: number;
  sensitive: boolean;
}

/** One activity as its screens need it; kept sealed on the phone for a reload offline. */
export interface ActivityData {
  activity: Activity;
  participation: Participation;
  sessions: Session[];
}

/** Today in El Salvador (UTC-6, no daylight saving), as the service dates sessions. */
export const todayInSv = () => new Date(Date.now() - 6 * 3_600_000).toISOString().slice(0, 10);

/** How the screens name a person: their display name, or their origin and a short code. */
export function nameOf(
  person: Pick<Standing, 'displayName' | 'origin' | 'participantId'>,
  origins: Record<string, string>,
  noName: string,
): string {
  if (person.displayName) return person.displayName;
  const origin = person.origin ? origins[person.origin] : undefined;
  return `${origin ?? noName} ${person.participantId.slice(0, 8)}`;
}

/**
 * The activity, its people's standing and its sessions: from the service (then kept on the
 * phone), or, without a network, as last kept.
 */
export function useActivityData(activityId: string) {
  const [data, setData] = useState<ActivityData>();
  const [fromDevice, setFromDevice] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [missing, setMissing] = useState(false);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    let current = true;
    const base = `/activities/${activityId}`;
    Promise.all([
      api.apiGet<Activity>(community(base)),
      api.apiGet<Participation>(community(`${base}/participation`)),
      api.apiGet<Session[]>(community(`${base}/sessions`)),
    ]).then(
      async ([activity, participation, sessions]) => {
        const loaded = { activity, participation, sessions };
        if (!current) return;
        setData(loaded);
        setFromDevice(false);
        setProblem(undefined);
        await marksStore.keepActivity(activityId, loaded).catch(() => undefined);
      },
      async (failure: unknown) => {
        if (!current) return;
        if (!isTransient(failure)) return setProblem(problemOf(failure));
        const kept = await marksStore.keptActivity<ActivityData>(activityId).catch(() => undefined);
        if (!current) return;
        if (kept) {
          setData(kept);
          setFromDevice(true);
        } else setMissing(true);
      },
    );
    return () => {
      current = false;
    };
  }, [activityId, version]);
  return { data, fromDevice, problem, missing, reload };
}
