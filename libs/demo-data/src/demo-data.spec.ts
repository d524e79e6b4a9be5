import { findDistrict, findMunicipality } from '@reintegra/reference-data';
import {
  AIRPORT,
  arrivalListCsv,
  duiCheckDigit,
  generateArrivalList,
  generateReturnees,
  SeededRandom,
} from './index';

const UNTIL = '2026-11-20';

const ageOn = (dateOfBirth: string, on: string) => {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};

describe('demo returnees', () => {
  const people = generateReturnees({ seed: 'demo', count: 2000, until: UNTIL });

  it('are the same people for the same seed, and others for another seed', () => {
    expect(generateReturnees({ seed: 'demo', count: 2000, until: UNTIL })).toEqual(people);
    expect(generateReturnees({ seed: 'other', count: 20, until: UNTIL })).not.toEqual(
      people.slice(0, 20),
    );
    expect(new SeededRandom(42).next()).toBe(new SeededRandom(42).next());
  });

  it('have two surnames, Salvadoran names and about one minor in five', () => {
    for (const { registration } of people) {
      expect(registration.lastNames.split(' ').length).toBeGreaterThanOrEqual(2);
      expect(registration.firstNames.length).toBeGreaterThan(2);
    }
    const minors = people.filter(
      ({ registration }) => ageOn(registration.dateOfBirth, registration.returnDate) < 18,
    );
    expect(minors.length / people.length).toBeGreaterThan(0.15);
    expect(minors.length / people.length).toBeLessThan(0.25);
    expect(minors.every(({ registration }) => registration.dui === undefined)).toBe(true);
  });

  it('have unique DUIs with a correct check digit, and existing municipalities and districts', () => {
    const duis = people.flatMap(({ registration }) => (registration.dui ? [registration.dui] : []));
    expect(new Set(duis).size).toBe(duis.length);
    expect(duis.length).toBeGreaterThan(people.length * 0.7);
    for (const dui of duis) {
      expect(dui).toMatch(/^\d{8}-\d$/);
      expect(Number(dui[9])).toBe(duiCheckDigit(dui.slice(0, 8)));
    }
    for (const { registration } of people) {
      expect(findMunicipality(registration.municipalityCode)).toBeDefined();
      expect(findDistrict(registration.districtCode)?.municipalityCode).toBe(
        registration.municipalityCode,
      );
    }
    const laPazEste = people.filter((p) => p.registration.municipalityCode === 'SV-PA-LA-PAZ-ESTE');
    expect(laPazEste.length).toBeGreaterThan(people.length / 44); // weighted above an even share
  });

  it('came back by plausible flows: mostly flights from the US, buses by land borders', () => {
    const fromUs = people.filter((p) => p.registration.countryReturnedFrom === 'US');
    expect(fromUs.length / people.length).toBeGreaterThan(0.5);
    for (const { registration, arrival } of people) {
      expect(registration.returnDate <= UNTIL).toBe(true);
      expect(registration.returnDate >= '2026-09-21').toBe(true);
      if (arrival.transport === 'flight') expect(registration.receptionPoint).toBe(AIRPORT);
      else {
        expect(registration.receptionPoint).toMatch(/^frontera-/);
        expect(['MX', 'GT']).toContain(registration.countryReturnedFrom);
      }
    }
  });
});

describe('demo arrival lists', () => {
  it('are one trip, deterministic, and render as CSV with a header', () => {
    const rows = generateArrivalList({ seed: 7, arrivalDate: UNTIL });
    expect(generateArrivalList({ seed: 7, arrivalDate: UNTIL })).toEqual(rows);
    expect(new Set(rows.map((row) => row.tripNumber)).size).toBe(1);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    const csv = arrivalListCsv(rows).trimEnd().split('\n');
    expect(csv[0]).toBe(
      'transport,tripNumber,arrivalDate,receptionPoint,countryReturnedFrom,firstNames,lastNames,dateOfBirth,gender,dui,municipalityCode',
    );
    expect(csv).toHaveLength(rows.length + 1);
  });

  it('take the size and trip number asked for', () => {
    const rows = generateArrivalList({
      seed: 1,
      arrivalDate: UNTIL,
      size: 300,
      tripNumber: 'TEST1',
    });
    expect(rows).toHaveLength(300);
    expect(rows.every((row) => row.tripNumber === 'TEST1')).toBe(true);
  });
});
