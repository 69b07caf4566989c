#!/usr/bin/env node
// Thin launcher so the bin exists before the TypeScript build runs.
import "../dist/main.js";
