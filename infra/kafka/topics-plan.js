#!/usr/bin/env node
// Turns libs/contracts/events/src/topic-list.json (owned by the contracts library) into one line per
// topic to create: "<name> <partitions> <retention.ms> <cleanup.policy>", dead-letter topics
// included (settings from deadLetterDefaults). Used by infra/lib/kafka.sh (local stack) and by the
// topics-plan one-shot in docker-compose.yml, so both create exactly the same topics.
'use strict';
const fs = require('fs');

const file = process.argv[2];
if (!file) {
  console.error('usage: topics-plan.js <topic-list.json>');
  process.exit(2);
}

function die(msg) {
  console.error(`topics-plan: ${file}: ${msg}`);
  process.exit(1);
}

let doc;
try {
  doc = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (e) {
  die(e.message);
}
if (!doc || !Array.isArray(doc.topics)) die('expected {"topics": [...]}');

const dlq = {
  partitions: 1,
  retentionMs: -1,
  cleanupPolicy: 'delete',
  ...(doc.deadLetterDefaults || {}),
};
const plan = new Map();

function add(where, name, partitions, retentionMs, cleanupPolicy) {
  if (typeof name !== 'string' || !/^[A-Za-z0-9._-]{1,249}$/.test(name))
    die(`${where}: invalid topic name ${JSON.stringify(name)}`);
  if (!Number.isInteger(partitions) || partitions < 1)
    die(`${where}: partitions must be an integer >= 1`);
  if (!Number.isInteger(retentionMs) || retentionMs < -1)
    die(`${where}: retentionMs must be an integer >= -1`);
  if (!['delete', 'compact', 'compact,delete', 'delete,compact'].includes(cleanupPolicy))
    die(`${where}: cleanupPolicy must be delete, compact or compact,delete`);
  const line = [name, partitions, retentionMs, cleanupPolicy].join(' ');
  if (plan.has(name) && plan.get(name) !== line)
    die(`${where}: topic ${name} is declared twice with different settings`);
  plan.set(name, line);
}

doc.topics.forEach((t, i) => {
  const where = `topics[${i}]`;
  if (!t || typeof t !== 'object') die(`${where}: expected an object`);
  add(where, t.name, t.partitions ?? 1, t.retentionMs ?? -1, t.cleanupPolicy ?? 'delete');
  if (t.deadLetterTopic !== undefined && t.deadLetterTopic !== null) {
    add(
      `${where}.deadLetterTopic`,
      t.deadLetterTopic,
      dlq.partitions,
      dlq.retentionMs,
      dlq.cleanupPolicy,
    );
  }
});

for (const line of plan.values()) console.log(line);
