#!/usr/bin/env node
// Cluster profile: reads the lines of topics-plan.js on stdin ("<name> <partitions> <retention.ms>
// <cleanup.policy>") and creates the missing topics with replication factor 3 and
// min.insync.replicas=2 (a send with acks=all survives one broker down), then each service's ACLs
// (service-acls.js, from the Helm chart's values; the brokers deny what no ACL allows),
// connecting with the KAFKA_* TLS/SASL variables the services use.
// Prints "<declared> declared, <created> created ..., <n> ACLs".
'use strict';
const fs = require('fs');
const {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  Kafka,
  logLevel,
  ResourcePatternTypes,
} = require('kafkajs');
const { serviceAcls } = require('./service-acls');

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
  const acls = await ensureAcls(admin);
  console.log(
    `${plan.length} declared, ${missing.length} created (replication 3, min.insync.replicas 2), ${acls} ACLs`,
  );
}

/**
 * The services' bindings, and the failover test's own identity (cluster-e2e): it only looks —
 * topic metadata, settings and offsets, dead letters read in groups of its own. Creating a binding
 * that exists is a no-op in Kafka, so this runs at every start.
 */
async function ensureAcls(admin) {
  const bindings = [
    ...serviceAcls(),
    ...['Read', 'Describe', 'DescribeConfigs'].map((operation) => ({
      user: 'cluster-e2e',
      type: 'topic',
      name: 'reintegra.',
      patternType: 'prefix',
      operation,
    })),
    {
      user: 'cluster-e2e',
      type: 'group',
      name: 'cluster-e2e',
      patternType: 'prefix',
      operation: 'Read',
    },
    // Every group's committed offsets, to say where a missing event stopped.
    {
      user: 'cluster-e2e',
      type: 'group',
      name: '*',
      patternType: 'literal',
      operation: 'Describe',
    },
  ];
  const constant = (name) => name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
  await admin.createAcls({
    acl: bindings.map((b) => ({
      resourceType: AclResourceTypes[constant(b.type)],
      resourceName: b.name,
      resourcePatternType:
        b.patternType === 'prefix' ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
      principal: `User:${b.user}`,
      host: '*',
      operation: AclOperationTypes[constant(b.operation)],
      permissionType: AclPermissionTypes.ALLOW,
    })),
  });
  return bindings.length;
}

main().catch((error) => {
  console.error(`cluster-topics: ${error.message}`);
  process.exit(1);
});
