#!/usr/bin/env node
import { run } from '../dist/funnel.js';

run(process.argv.slice(2));
