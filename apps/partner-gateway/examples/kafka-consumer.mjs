// Example Kafka consumer for a partner agency: reads the agency's own topic
// reintegra.partner.<agencyId> (key = case pseudonym, so one case's events stay in order), drops
// repeats by event id (replays resend the same ids) and honours redaction requests.
//
//   npm install kafkajs
//   KAFKA_BROKERS=kafka.reintegra.example.gob.sv:9093 AGENCY_ID=oim \
//   KAFKA_USERNAME=partner-oim KAFKA_PASSWORD=… KAFKA_CA_FILE=ca.pem \
//     node apps/partner-gateway/examples/kafka-consumer.mjs
//
// Without KAFKA_USERNAME it connects in plain text (local development only). The consumer group
// must start with the agency id (<agencyId>-…): the broker's ACLs allow only that prefix. Keep the
// seen ids and the data in a database in real use. Each kept event is printed as one JSON line.
import { readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';

const agencyId = process.env.AGENCY_ID;
const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
if (!agencyId || brokers.length === 0) throw new Error('set AGENCY_ID and KAFKA_BROKERS');
const secured = Boolean(process.env.KAFKA_USERNAME);

const kafka = new Kafka({
  clientId: `${agencyId}-reintegra-consumer`,
  brokers,
  logLevel: logLevel.WARN,
  ...(secured
    ? {
        ssl: process.env.KAFKA_CA_FILE ? { ca: [readFileSync(process.env.KAFKA_CA_FILE)] } : true,
        sasl: {
          mechanism: 'scram-sha-512',
          username: process.env.KAFKA_USERNAME,
          password: process.env.KAFKA_PASSWORD ?? '',
        },
      }
    : {}),
});

const consumer = kafka.consumer({ groupId: process.env.KAFKA_GROUP ?? `${agencyId}-reintegra` });
const seen = new Set();
const bySubject = new Map();

await consumer.connect();
await consumer.subscribe({ topic: `reintegra.partner.${agencyId}`, fromBeginning: true });
await consumer.run({
  eachMessage: async ({ message }) => {
    const event = JSON.parse(message.value.toString('utf8'));
    if (seen.has(event.id)) {
      console.log(JSON.stringify({ repeat: event.id }));
      return;
    }
    seen.add(event.id);
    if (event.type === 'sv.reintegra.partner.data-redaction-requested.v1') {
      bySubject.delete(event.subject); // consent withdrawn: delete what you hold about it
    } else {
      bySubject.set(event.subject, [...(bySubject.get(event.subject) ?? []), event]);
    }
    console.log(JSON.stringify({ kept: event.id, type: event.type, subject: event.subject }));
  },
});
console.log(JSON.stringify({ consuming: `reintegra.partner.${agencyId}` }));

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => void consumer.disconnect().then(() => process.exit(0)));
}
