#!/usr/bin/env node
// Cluster profile: reads the lines of topics-plan.js on stdin ("<name> <partitions> <retention.ms>
// <cleanup.policy>") and creates the missing topics with replication factor 3 and
// min.insync.replicas=2 (a send with acks=all survives one broker down), connecting with the
// KAFKA_* TLS/SASL variables the services use. Prints "<declared> declared, <created> created".
'use strict';
const fs = require('fs');
const { Kafka, logLevel } = require('kafkajs');

const env = process.env;
const read = (name) => fs.readFileSync(env[name]);
const kafka = new Kafka({
  clientId: 'stack-topics',
  brokers: env.KAFKA_BROKERS.split(','),
  logLevel: logLevel.ERROR,
  ssl: {
    rejectUnauthorized: true,
    ca: [read('KAFKA_SSL_CA_FILE')],
    cert: read('KAFKA_SSL_CERT_FILE'),
    key: read('KAFKA_SSL_KEY_FILE'),
  },
  sasl: {
    mechanism: 'scram-sha-512',
    username: env.KAFKA_SASL_USERNAME,
    password: env.KAFKA_SASL_PASSWORD,
  },
  retry: { retries: 10, initialRetryTime: 300 },
});

async function main() {
  const plan = fs
    .readFileSync(0, 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([name]) => name);
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Just after start the quorum may not know every broker yet (a topic of replication 3 needs
    // all three), and a fresh cluster's metadata can answer "not hosted" for a moment: retry.
    for (let attempt = 1; ; attempt += 1) {
      try {
        const { brokers } = await admin.describeCluster();
        if (brokers.length < 3) throw new Error(`${brokers.length} of 3 brokers registered`);
        return await ensure(admin, plan);
      } catch (error) {
        if (attempt >= 30) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

async function ensure(admin, plan) {
  const existing = new Set(await admin.listTopics());
  const missing = plan.filter(([name]) => !existing.has(name));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map(([topic, partitions, retention, policy]) => ({
        topic,
        numPartitions: Number(partitions),
        replicationFactor: 3,
        configEntries: [
          { name: 'min.insync.replicas', value: '2' },
          { name: 'retention.ms', value: retention },
          { name: 'cleanup.policy', value: policy },
        ],
      })),
    });
  }
  console.log(
    `${plan.length} declared, ${missing.length} created (replication 3, min.insync.replicas 2)`,
  );
}

main().catch((error) => {
  console.error(`cluster-topics: ${error.message}`);
  process.exit(1);
});
