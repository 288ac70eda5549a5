#!/usr/bin/env node
import { runCliProcess } from './cli/run-cli.js';

runCliProcess(process.argv.slice(2));
