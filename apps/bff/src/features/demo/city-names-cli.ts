/** Writes packages/shared/src/city-names.ts from the demo cities (see city-names.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { CITIES } from './catalog';
import { cityNamesModule } from './city-names';

const target = path.resolve(import.meta.dirname, '../../../../../packages/shared/src/city-names.ts');
fs.writeFileSync(target, cityNamesModule(CITIES.map((c) => c.name)));
console.log(`wrote ${CITIES.length} city names to ${target}`);
