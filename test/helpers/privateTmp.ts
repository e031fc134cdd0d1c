/**
 * Gives this test file a temporary folder of its own (TMPDIR), imported before anything else.
 * `@cloudbase/manager-node` packs a function's code in `os.tmpdir()/.cloudbase_temp_<name>`, a
 * fixed path read when it loads: two test runs on one machine (issue 24's loaded runs) removed
 * each other's zip there.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

process.env.TMPDIR = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-tmp-'))
