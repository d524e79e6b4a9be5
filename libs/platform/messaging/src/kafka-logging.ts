import { Logger } from '@nestjs/common';
import { logLevel, type logCreator } from 'kafkajs';

/** Routes kafkajs logs (warnings and errors only) through the service logger. */
export const kafkaLogCreator: logCreator = () => {
  const logger = new Logger('Kafka');
  return ({ level, log }) => {
    const { message, ...extra } = log;
    const line = { msg: message, broker: extra['broker'], error: extra['error'] };
    if (level === logLevel.ERROR) logger.error(line);
    else if (level === logLevel.WARN) logger.warn(line);
  };
};

export const KAFKA_LOG_LEVEL = logLevel.WARN;
