/**
 * s3rver in a process of its own (tsx tests/support/s3rver-process.ts <bucket> <dir>): a test
 * whose event loop is busy with hundreds of simulated kiosks would otherwise starve it.
 * Prints `S3 <endpoint>` once listening.
 */
import { startTestS3 } from '../../src/hub/test-s3.ts';

const [bucket = 'kepu-test', dir] = process.argv.slice(2);
const s3 = await startTestS3({ bucket, ...(dir ? { dir } : {}) });
console.log(`S3 ${s3.endpoint}`);
process.on('SIGTERM', () => void s3.close().then(() => process.exit(0)));
