// Interoperability check: the tutorial's flows driven by dicomweb-client (used by the OHIF viewer)
// against a running Nimbus base URL. Usage: NIMBUS_BASE_URL=http://127.0.0.1:8080 node dicomweb-client-interop.cjs
'use strict';
global.XMLHttpRequest = require('xhr2'); // dicomweb-client targets browsers; xhr2 provides XHR in Node
const { api } = require('dicomweb-client');
const fs = require('fs');
const path = require('path');
const assert = require('assert');

const base = (process.env.NIMBUS_BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
const seedDir = process.env.NIMBUS_SEED_DIR || path.join(__dirname, '..', 'src', 'test', 'resources', 'seed');
const STUDY = '1.2.826.0.1.3680043.8.498.13230779778012324449356534479549187420';
const SERIES_A = '1.2.826.0.1.3680043.8.498.45787841905473114233124723359129632652';
const SERIES_B = '1.2.826.0.1.3680043.8.498.77033797676425927098669402985243398207';
const BLUE = '1.2.826.0.1.3680043.8.498.13273713909719068980354078852867170114';
const FRAME_LENGTH = 979 * 985 * 3;

const client = new api.DICOMwebClient({ url: base });
let passed = 0;
let failed = 0;

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`PASS ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e && e.message ? e.message : e}`);
  }
}

function file(name) {
  const b = fs.readFileSync(path.join(seedDir, name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}

const value = (ds, tag) => (ds[tag] && ds[tag].Value ? ds[tag].Value[0] : undefined);

(async () => {
  await fetch(`${base}/studies/${STUDY}`, { method: 'DELETE' }); // pre-clean; 204 or 404
  await check('stow.storeInstances', async () => {
    await client.storeInstances({ datasets: [file('red-triangle.dcm'), file('green-square.dcm'), file('blue-circle.dcm')] });
  });
  await check('qido.searchForStudies', async () => {
    const studies = await client.searchForStudies({ queryParams: { StudyInstanceUID: STUDY } });
    assert.strictEqual(studies.length, 1);
    assert.strictEqual(value(studies[0], '0020000D'), STUDY);
  });
  await check('qido.searchForSeries', async () => {
    const series = await client.searchForSeries({ studyInstanceUID: STUDY });
    assert.deepStrictEqual(series.map((s) => value(s, '0020000E')).sort(), [SERIES_A, SERIES_B].sort());
  });
  await check('qido.searchForInstances', async () => {
    const instances = await client.searchForInstances({ studyInstanceUID: STUDY, seriesInstanceUID: SERIES_A });
    assert.strictEqual(instances.length, 2);
  });
  await check('wado.retrieveStudyMetadata', async () => {
    const metadata = await client.retrieveStudyMetadata({ studyInstanceUID: STUDY });
    assert.strictEqual(metadata.length, 3);
  });
  await check('wado.retrieveSeriesMetadata', async () => {
    const metadata = await client.retrieveSeriesMetadata({ studyInstanceUID: STUDY, seriesInstanceUID: SERIES_A });
    assert.strictEqual(metadata.length, 2);
  });
  let blueMetadata;
  await check('wado.retrieveInstanceMetadata', async () => {
    const metadata = await client.retrieveInstanceMetadata({ studyInstanceUID: STUDY, seriesInstanceUID: SERIES_B, sopInstanceUID: BLUE });
    assert.strictEqual(metadata.length, 1);
    blueMetadata = metadata[0];
    assert.strictEqual(value(blueMetadata, '00080018'), BLUE);
  });
  await check('wado.retrieveInstance', async () => {
    const instance = await client.retrieveInstance({ studyInstanceUID: STUDY, seriesInstanceUID: SERIES_B, sopInstanceUID: BLUE });
    const expected = Buffer.from(file('blue-circle.dcm'));
    assert.ok(Buffer.from(instance).equals(expected), 'instance is byte-identical');
  });
  await check('wado.retrieveInstanceFrames', async () => {
    const frames = await client.retrieveInstanceFrames({
      studyInstanceUID: STUDY, seriesInstanceUID: SERIES_B, sopInstanceUID: BLUE, frameNumbers: [1],
    });
    assert.strictEqual(frames.length, 1);
    assert.strictEqual(frames[0].byteLength, FRAME_LENGTH);
  });
  await check('wado.retrieveBulkData(PixelData BulkDataURI)', async () => {
    const uri = blueMetadata['7FE00010'].BulkDataURI;
    assert.ok(uri.startsWith(base), `BulkDataURI ${uri} points at the base URL`);
    const bulk = await client.retrieveBulkData({ BulkDataURI: uri });
    const bytes = Array.isArray(bulk) ? bulk[0] : bulk;
    assert.ok(bytes.byteLength >= FRAME_LENGTH, `bulk data of ${bytes.byteLength} bytes`);
  });
  await check('delete.study', async () => {
    const response = await fetch(`${base}/studies/${STUDY}`, { method: 'DELETE' });
    assert.strictEqual(response.status, 204);
    const after = await client.searchForStudies({ queryParams: { StudyInstanceUID: STUDY } });
    assert.strictEqual(after.length, 0);
  });
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
})().catch((e) => {
  console.log(`FAIL interop: ${e && e.stack ? e.stack : e}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
