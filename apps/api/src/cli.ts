#!/usr/bin/env node
import { runApiCliProcess } from './cli/run-api-cli.js';

runApiCliProcess(process.argv.slice(2));
