import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, canActInMunicipality, hasAnyRole } from '@reintegra/platform-auth';
import { outsideMunicipality } from '@reintegra/platform-errors';
import type { CaseListQuery, ReturneeListQuery } from './list.requests';
import { pageLink } from './list.requests';
import type { CaseList, ReturneeList } from './list.responses';
import { isDuiSearch, type ListFilter, type ListRow, listSql } from './list.queries';

/**
 * The municipality a list is limited to: national supervisors see every municipality (or the one
 * they ask for); municipal staff only their own, whatever they ask.
 */
function municipalityScope(actor: Actor, asked: string | undefined): string | undefined {
  if (asked) {
    if (!canActInMunicipality(actor, asked)) throw outsideMunicipality();
    return asked;
  }
  if (hasAnyRole(actor, ['national-supervisor', 'admin'])) return undefined;
  if (!actor.municipalityCode) throw outsideMunicipality();
  return actor.municipalityCode;
}

/** Paginated, filtered lists of returnees and cases for the municipal office and supervisors. */
@Injectable()
export class ListsService {
  constructor(private readonly dataSource: DataSource) {}

  async returnees(actor: Actor, query: ReturneeListQuery): Promise<ReturneeList> {
    const filter = {
      ...query,
      municipality: municipalityScope(actor, query.municipality),
      latestOnly: true,
    };
    let searched = query;
    let page = await this.page('/returnees', searched, filter);
    const nameSearch = query.q !== undefined && !isDuiSearch(query.q);
    if (nameSearch && page.rows.length === 0 && !query.match && !query.cursor) {
      // Nobody has every word: look for names close to them (misspellings), and say so.
      searched = { ...query, match: 'similar' };
      page = await this.page('/returnees', searched, { ...filter, match: 'similar' });
    }
    const { rows, next } = page;
    return {
      items: rows.map((row) => ({
        returneeId: row.returnee_id,
        dui: row.dui,
        firstNames: row.first_names,
        lastNames: row.last_names,
        dateOfBirth: row.date_of_birth,
        gender: row.gender,
        latestCase: caseSummaryOf(row),
        links: { self: `/returnees/${row.returnee_id}` },
      })),
      ...(nameSearch ? { match: searched.match ?? 'words' } : {}),
      links: { self: pageLink('/returnees', searched, query.cursor), ...(next ? { next } : {}) },
    };
  }

  async cases(actor: Actor, query: CaseListQuery): Promise<CaseList> {
    const { rows, next } = await this.page('/cases', query, {
      ...query,
      municipality: municipalityScope(actor, query.municipality),
    });
    return {
      items: rows.map((row) => ({
        ...caseSummaryOf(row),
        returneeId: row.returnee_id,
        firstNames: row.first_names,
        lastNames: row.last_names,
        registeredAt: row.registered_at.toISOString(),
        links: {
          returnee: `/returnees/${row.returnee_id}`,
          referrals: `/cases/${row.case_id}/referrals`,
        },
      })),
      links: { self: pageLink('/cases', query, query.cursor), ...(next ? { next } : {}) },
    };
  }

  private async page(
    path: string,
    query: ReturneeListQuery | CaseListQuery,
    filter: ListFilter,
  ): Promise<{ rows: ListRow[]; next?: string }> {
    const { sql, params } = listSql(filter);
    const rows: ListRow[] = await this.dataSource.query(sql, params);
    if (rows.length <= filter.limit) return { rows };
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1] as ListRow;
    return {
      rows: page,
      next: pageLink(path, query, { returnDate: last.return_date, id: last.case_id }),
    };
  }
}

function caseSummaryOf(row: ListRow) {
  return {
    caseId: row.case_id,
    episodeNumber: row.episode_number,
    returnDate: row.return_date,
    countryReturnedFrom: row.country_returned_from,
    receptionPoint: row.reception_point,
    municipalityCode: row.municipality_code,
    districtCode: row.district_code,
    status: row.status,
    minor: row.minor,
  };
}
