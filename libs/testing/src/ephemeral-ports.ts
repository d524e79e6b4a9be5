import { readFileSync } from 'node:fs';

/**
 * A port in Linux's ephemeral range can be held by any outgoing connection of the suites running
 * beside a stack, and a broker that cannot bind exits (the upgrade suite's Kafka, and later the
 * failover suite's, exited during start-up in CI with their ports there): a stack of a suite's
 * own listens below that range. Ports derived from these (a cluster's further brokers and
 * processes) lie a few above each, so they stay below it too.
 */
export function assertOutsideEphemeralRange(label: string, ports: Record<string, string>): void {
  const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
    .trim()
    .split(/\s+/)
    .map(Number);
  const inside = Object.entries(ports).filter(([, port]) => +port >= low && +port <= high);
  if (inside.length > 0)
    throw new Error(
      `${label}: ${inside.map(([name, port]) => `${name}=${port}`).join(', ')} lie in the ephemeral range ${low}-${high}; choose ports below ${low}`,
    );
}
