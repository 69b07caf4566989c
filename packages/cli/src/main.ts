#!/usr/bin/env node
import { runMain } from './run-main.js';

runMain(process.argv.slice(2));
