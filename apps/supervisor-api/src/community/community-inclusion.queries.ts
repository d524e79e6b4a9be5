import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { findMunicipality } from '@reintegra/reference-data';
import { scopeSql } from '../core/scope';
import { type Cell, complementary, count, SMALL_CELL } from '../indicators/suppression';

interface Row {
  municipalityCode: string;
  activitiesRunning: number;
  participants: number;
  returnees: number;
  hostCommunity: number;
  reachedSustained: number;
  stillSustained: number;
  droppedOff: number;
  ruleVersions: string[] | null;
}

/**
 * Community inclusion per municipality, from the projected community events, within the scope.
 * People are counted once per municipality however many activities they join; a person takes
 * part while any of their places is not withdrawn. Every count of people of 1–4 is "<5", and so is
 * its complement within the same total.
 */
@Injectable()
export class CommunityInclusion {
  constructor(private readonly dataSource: DataSource) {}

  async compute(municipalityCode: string | null) {
    const params: unknown[] = [];
    const activityScope = scopeSql('municipality_code', municipalityCode, params);
    const personScope = scopeSql('municipality_code', municipalityCode, params);
    const rows = (await this.dataSource.query(
      `WITH activities AS (
         SELECT municipality_code, count(*) FILTER (WHERE open)::int AS running
           FROM community_activities WHERE ${activityScope} GROUP BY municipality_code),
       people AS (
         SELECT municipality_code, participant_id,
                bool_or(milestone <> 'withdrawn') AS taking_part,
                bool_or(origin = 'returnee') AS returnee,
                bool_or(sustained_at IS NOT NULL) AS reached,
                bool_or(milestone = 'sustained') AS sustained,
                array_agg(DISTINCT rule_version) FILTER (WHERE milestone = 'sustained') AS rules
           FROM community_participations WHERE ${personScope}
          GROUP BY municipality_code, participant_id)
       SELECT m.municipality_code AS "municipalityCode",
              coalesce(a.running, 0) AS "activitiesRunning",
              count(p.participant_id) FILTER (WHERE p.taking_part)::int AS participants,
              count(p.participant_id) FILTER (WHERE p.taking_part AND p.returnee)::int AS returnees,
              count(p.participant_id) FILTER (WHERE p.taking_part AND NOT p.returnee)::int AS "hostCommunity",
              count(p.participant_id) FILTER (WHERE p.reached)::int AS "reachedSustained",
              count(p.participant_id) FILTER (WHERE p.reached AND p.sustained)::int AS "stillSustained",
              count(p.participant_id) FILTER (WHERE p.reached AND NOT p.sustained)::int AS "droppedOff",
              (SELECT array_agg(DISTINCT r ORDER BY r) FROM people q, unnest(q.rules) r
                WHERE q.municipality_code = m.municipality_code AND r IS NOT NULL) AS "ruleVersions"
         FROM (SELECT municipality_code FROM activities UNION SELECT municipality_code FROM people) m
         LEFT JOIN activities a ON a.municipality_code = m.municipality_code
         LEFT JOIN people p ON p.municipality_code = m.municipality_code
        GROUP BY m.municipality_code, a.running
        ORDER BY m.municipality_code`,
      params,
    )) as Row[];
    return {
      smallCell: SMALL_CELL,
      municipalities: rows
        .map((row) => published(row))
        .sort((a, b) => a.municipalityName.localeCompare(b.municipalityName, 'es')),
    };
  }
}

/** One municipality's figures as published: people counts suppressed, activities shown. */
function published(row: Row) {
  const [returnees, hostCommunity] = complementary(row.returnees, row.hostCommunity);
  const [stillSustained, droppedOff] = complementary(row.stillSustained, row.droppedOff);
  return {
    municipalityCode: row.municipalityCode,
    municipalityName: findMunicipality(row.municipalityCode)?.name ?? row.municipalityCode,
    // Activities are public (announced in parks and community halls): their count is not hidden.
    activitiesRunning: row.activitiesRunning,
    participants: { total: count(row.participants), returnees, hostCommunity },
    // The same people as "still sustained": hidden together, or the complement would show.
    sustained: stillSustained,
    retention: {
      reachedSustained: count(row.reachedSustained),
      stillSustained,
      droppedOff,
      stillSustainedPercent: percent(row.stillSustained, row.reachedSustained, stillSustained),
    },
    ruleVersions: row.ruleVersions ?? [],
  };
}

/** A share of fewer than 5 people, or of a hidden count, is hidden too. */
function percent(part: number, whole: number, shown: Cell): number | '<5' | null {
  if (whole === 0) return null;
  if (whole < SMALL_CELL || shown === '<5') return '<5';
  return Math.round((100 * part) / whole);
}
