import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, canActInMunicipality } from '@reintegra/platform-auth';
import { outsideMunicipality, returneeNotFound } from '@reintegra/platform-errors';
import { assertIfMatch } from '@reintegra/platform-http';
import { Returnee, ReturnEpisode } from '../core/returnee.entities';
import type { ReturneeRecord, UpdateReturneeRequest } from './update-returnee.requests';

/** Corrects names, gender and contact of a person; optimistic concurrency by row version. */
@Injectable()
export class UpdateReturneeService {
  constructor(private readonly dataSource: DataSource) {}

  async update(
    returneeId: string,
    changes: UpdateReturneeRequest,
    ifMatch: string | undefined,
    actor: Actor,
  ): Promise<ReturneeRecord> {
    return this.dataSource.transaction(async (manager) => {
      // Locked until commit: a concurrent correction waits, then finds the new version (412).
      const returnee = await manager.findOne(Returnee, {
        where: { id: returneeId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!returnee) {
        throw returneeNotFound();
      }
      const latest = await manager.findOne(ReturnEpisode, {
        where: { returneeId },
        order: { episodeNumber: 'DESC' },
      });
      if (!latest || !canActInMunicipality(actor, latest.municipalityCode)) {
        throw outsideMunicipality();
      }
      assertIfMatch(ifMatch, returnee.version);
      const updated: Returnee = {
        ...returnee,
        ...(changes.firstNames !== undefined ? { firstNames: changes.firstNames } : {}),
        ...(changes.lastNames !== undefined ? { lastNames: changes.lastNames } : {}),
        ...(changes.gender !== undefined ? { gender: changes.gender } : {}),
        ...(changes.contact?.phone !== undefined ? { phone: changes.contact.phone } : {}),
        ...(changes.contact?.email !== undefined ? { email: changes.contact.email } : {}),
        version: returnee.version + 1,
      };
      await manager.update(
        Returnee,
        { id: returneeId },
        {
          firstNames: updated.firstNames,
          lastNames: updated.lastNames,
          gender: updated.gender,
          phone: updated.phone,
          email: updated.email,
          version: updated.version,
        },
      );
      return recordOf(updated);
    });
  }
}

function recordOf(returnee: Returnee): ReturneeRecord {
  return {
    returneeId: returnee.id,
    dui: returnee.dui,
    firstNames: returnee.firstNames,
    lastNames: returnee.lastNames,
    dateOfBirth: returnee.dateOfBirth,
    gender: returnee.gender,
    contact: { phone: returnee.phone, email: returnee.email },
    version: returnee.version,
    links: { self: `/returnees/${returnee.id}` },
  };
}
