// The services' Kafka rights, from one place: services.<name>.kafka in the Helm chart's values
// (infra/helm/reintegra/values.yaml). The chart renders them as Strimzi KafkaUser ACLs
// (templates/kafka-users.yaml); the cluster profile creates the same bindings on its brokers
// (cluster-topics.js), and the chart's spec checks that both agree. Deny by default: a service
// reads the topics it consumes (its consumer groups: prefix <name>), writes their .dlq twins and
// the topics it publishes; nothing else.
'use strict';
const fs = require('fs');
const path = require('path');
const { parse } = require('yaml');

const VALUES = path.join(__dirname, '../helm/reintegra/values.yaml');

/**
 * One binding per (principal, resource, operation), in Strimzi's words: resource type topic,
 * group or cluster; pattern literal or prefix; operations as in Kafka's ACLs (Read, Write, ...).
 */
function serviceAcls(values = parse(fs.readFileSync(VALUES, 'utf8'))) {
  const bindings = [];
  const allow = (user, type, name, patternType, operations) => {
    for (const operation of operations) bindings.push({ user, type, name, patternType, operation });
  };
  for (const [name, service] of Object.entries(values.services ?? {})) {
    if (!service.enabled) continue;
    const kafka = service.kafka ?? {};
    const reads = kafka.reads ?? [];
    const writes = kafka.writes ?? [];
    const writePrefixes = kafka.writePrefixes ?? [];
    // Prefix: the service's group and its one-off groups (the read model's rebuild, <name>-rebuild-<ts>).
    allow(name, 'group', name, 'prefix', ['Read', 'Describe']);
    for (const topic of reads) {
      allow(name, 'topic', topic, 'literal', ['Read', 'Describe']);
      allow(name, 'topic', `${topic}.dlq`, 'literal', ['Write', 'Describe']);
    }
    for (const topic of writes) allow(name, 'topic', topic, 'literal', ['Write', 'Describe']);
    for (const prefix of writePrefixes)
      allow(name, 'topic', prefix, 'prefix', ['Create', 'Write', 'Describe', 'DescribeConfigs']);
    if (reads.length + writes.length + writePrefixes.length > 0)
      allow(name, 'cluster', 'kafka-cluster', 'literal', ['IdempotentWrite']);
  }
  return bindings;
}

module.exports = { serviceAcls };
