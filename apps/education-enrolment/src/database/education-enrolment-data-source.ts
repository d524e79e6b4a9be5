import { serviceDataSource } from '@reintegra/platform-database';
import { MessagingTables1764201600000 } from '@reintegra/platform-messaging';
import { Education1764300000000 } from './migrations/1764300000000-education';
import { LearnerErasure1765600300000 } from './migrations/1765600300000-learner-erasure';

/**
 * Entities and migrations of the education_enrolment database, in order. Never edit a committed
 * migration. No entities: the service uses explicit SQL so that every row lock is visible.
 */
export const educationEnrolmentDataSource = serviceDataSource('education-enrolment', [
  MessagingTables1764201600000,
  Education1764300000000,
  LearnerErasure1765600300000,
]);
