// Regenerates libs/reference-data/src/generated/*.json from the reviewed CSV files in
// ../shared/data (sources and checks in that folder's README). The JSON is committed so that
// builds never depend on files outside the repository.
// Usage: node tools/scripts/generate-reference-data.mjs [path-to-shared-data]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = resolve(process.argv[2] ?? join(root, '../shared/data'));
const outDir = join(root, 'libs/reference-data/src/generated');

// ISO 3166-2:SV department codes.
const departmentIso = {
  Ahuachapán: 'SV-AH',
  Cabañas: 'SV-CA',
  Chalatenango: 'SV-CH',
  Cuscatlán: 'SV-CU',
  'La Libertad': 'SV-LI',
  Morazán: 'SV-MO',
  'La Paz': 'SV-PA',
  'Santa Ana': 'SV-SA',
  'San Miguel': 'SV-SM',
  Sonsonate: 'SV-SO',
  'San Salvador': 'SV-SS',
  'San Vicente': 'SV-SV',
  'La Unión': 'SV-UN',
  Usulután: 'SV-US',
};

const slug = (text) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function readCsv(file) {
  const [header, ...lines] = readFileSync(join(dataDir, file), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i], v])));
}

const departments = new Map();
const municipalities = new Map();
const districts = [];
for (const row of readCsv('sv-territory-2024.csv')) {
  const departmentCode = departmentIso[row.department];
  if (!departmentCode) throw new Error(`No ISO code for department ${row.department}`);
  departments.set(departmentCode, { code: departmentCode, name: row.department });
  const municipalityCode = `${departmentCode}-${slug(row.municipality)}`;
  municipalities.set(municipalityCode, {
    code: municipalityCode,
    name: row.municipality,
    departmentCode,
    isDepartmentHead: row.is_department_head === 'true',
  });
  districts.push({
    code: `${municipalityCode}/${slug(row.district)}`,
    name: row.district,
    municipalityCode,
  });
}

const occupations = readCsv('isco08-unit-groups.csv').map((row) => ({
  code: row.code,
  titleEn: row.title_en,
  titleEs: row.title_es,
}));

mkdirSync(outDir, { recursive: true });
const write = (name, value) =>
  writeFileSync(join(outDir, name), `${JSON.stringify(value, null, 1)}\n`);
write('territory.json', {
  source: 'D.L. 762 (2023), in force 2024-05-01; see shared/data/README.md',
  departments: [...departments.values()],
  municipalities: [...municipalities.values()],
  districts,
});
write('isco08-unit-groups.json', {
  source: 'ILO ISCO-08 / ESCO CIUO-08 es; see shared/data/README.md',
  occupations,
});
console.log(
  `reference data: ${departments.size} departments, ${municipalities.size} municipalities, ${districts.length} districts, ${occupations.length} occupations`,
);
