import { Logger } from '@nestjs/common';
import { logLevel, type logCreator } from 'kafkajs';

/**
 * kafkajs' info lines worth keeping: a consumer's group membership (which replica holds which
 * partitions after each rebalance) and its starts, stops and restarts. The rest of its info level
 * is connection chatter.
 */
const MEMBERSHIP = /joined the group|Starting|Stopped|not running|Restarting|Crash/;

/** Routes kafkajs logs (warnings, errors, group membership) through the service logger. */
export const kafkaLogCreator: logCreator = () => {
  const logger = new Logger('Kafka');
  return ({ level, log }) => {
    const { message, ...extra } = log;
    const line = { msg: message, broker: extra['broker'], error: extra['error'] };
    if (level === logLevel.ERROR) logger.error(line);
    else if (level === logLevel.WARN) logger.warn(line);
    else if (level === logLevel.INFO && MEMBERSHIP.test(message))
      logger.log({
        msg: message,
        groupId: extra['groupId'],
        memberId: extra['memberId'],
        assignment: extra['memberAssignment'],
      });
  };
};

export const KAFKA_LOG_LEVEL = logLevel.INFO;
