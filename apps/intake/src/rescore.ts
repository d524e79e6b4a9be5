import 'reflect-metadata';
import { runMain } from '@reintegra/platform-http';
import { rescoreCommand } from './rescore-command';

runMain('intake rescore', () => rescoreCommand(process.argv.slice(2)));
