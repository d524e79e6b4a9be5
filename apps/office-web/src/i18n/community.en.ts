import type { CommunityMessages } from './community.es';

const marks = (n: number) => `${n} ${n === 1 ? 'mark' : 'marks'}`;

export const communityEn: CommunityMessages = {
  title: 'My activities',
  intro:
    'The activities you facilitate: who comes, who stopped coming and the attendance of each session.',
  none: 'You have no open activities.',
  kinds: {
    sport: 'Sport',
    arts: 'Arts',
    culture: 'Culture',
    'dialogue-circle': 'Dialogue circle',
    mentoring: 'Mentoring',
    'community-project': 'Community project',
    recreation: 'Recreation',
  },
  seats: (taken, total) => `${taken} of ${total} places taken`,
  open: (title) => `Open the activity ${title}`,
  openShort: 'Open',
  back: 'Back to my activities',
  place: 'Place',
  schedule: 'Schedule',
  people: 'Participants',
  summary: (sustained, total) => `${sustained} of ${total} with sustained participation.`,
  rule: (share, sessions, absences) =>
    `Sustained participation: came to ${share}% or more of the sessions of the last 8 weeks (at least ${sessions} sessions). "Stopped coming": missed the last ${absences} sessions in a row.`,
  dropOffsTitle: 'Stopped coming',
  dropOffsNone: 'Nobody has stopped coming.',
  droppedOff: (n) => `Stopped coming: missed the last ${n} sessions.`,
  sustained: 'Sustained participation',
  attended: (attended, eligible) =>
    eligible === 0 ? 'No sessions yet' : `Came to ${attended} of ${eligible} sessions`,
  streak: (n) => (n > 1 ? `${n} in a row` : ''),
  origins: {
    resident: 'resident',
    family: 'family',
    diaspora: 'diaspora',
    official: 'official',
    returnee: 'returnee',
  },
  noName: 'Person without a recorded name',
  sessions: 'Sessions',
  noSessions: 'No sessions yet.',
  sessionOf: (day, present) => `${day} · ${present} came`,
  takeAttendance: 'Take attendance',
  takeAttendanceOf: (day) => `Take attendance of the session of ${day}`,
  newSession: 'New session today',
  attendanceTitle: (day) => `Attendance of ${day}`,
  attendanceHelp:
    'Tap "Came" or "Did not come" for each person. Every tap is kept on this phone and sent by itself, even without a connection now.',
  backToActivity: 'Back to the activity',
  present: 'Came',
  absent: 'Did not come',
  presentOf: (who) => `${who}: came`,
  absentOf: (who) => `${who}: did not come`,
  marked: (n, total) => `${n} of ${total} people marked.`,
  send: 'Send now',
  fromDevice: 'Offline: this is the list kept on this phone.',
  notKept: 'Offline, and this activity is not kept on this phone. Open it once with a connection.',
  offline: (n) =>
    n === 0
      ? 'Offline. You can keep marking: it is sent when the connection is back.'
      : `Offline — ${marks(n)} waiting. They are sent when the connection is back.`,
  syncing: 'Sending…',
  waiting: (n) => `${marks(n)} waiting to be sent.`,
  allSent: 'Everything sent.',
  refused: (n, reason) => `${marks(n)} not accepted: ${reason}`,
  discard: 'Discard the marks not accepted',
};
